/** A pino logger that keeps every line it writes, to assert what the broker logs (and what it never logs). */
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  /** Logs every level, with no redaction of its own: whatever reaches a line is seen. */
  logger: Logger;
  /** Every line so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written so far, as written. */
  text(): string;
  /**
   * The lines once `ready` holds for them, or as they are after a few seconds.
   * A request's log line is written when its answer has been handed to the
   * socket, which can be after the client has read the answer.
   */
  linesWhen(ready: (lines: Record<string, unknown>[]) => boolean): Promise<Record<string, unknown>[]>;
}

const SETTLE_MS = 5000;

export function captureLog(): CapturedLog {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () => text().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const linesWhen = async (ready: (lines: Record<string, unknown>[]) => boolean) => {
    for (const until = Date.now() + SETTLE_MS; !ready(lines()) && Date.now() < until;) await sleep(10);
    return lines();
  };
  return { logger: pino({ level: 'trace' }, sink), text, lines, linesWhen };
}
