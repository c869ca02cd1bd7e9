import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full garbage collection, even when node was started without --expose-gc. */
export function fullGC(): void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
