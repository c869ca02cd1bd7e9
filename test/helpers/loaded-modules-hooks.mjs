// The module hooks of loaded-modules.mjs (they run on the hooks thread).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.LOADED_MODULES_FILE, `${resolved.url}\n`);
  return resolved;
}
