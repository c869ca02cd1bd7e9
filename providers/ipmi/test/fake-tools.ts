/**
 * Fake `ipmitool` / `ipmi-sensors` executables for the provider tests: shell
 * scripts in a temporary directory that log their arguments, their
 * IPMI_PASSWORD and any FreeIPMI configuration file, then act as told.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** What a fake tool does for arguments matching a shell `case` pattern. */
export type Behaviour = string;

export interface FakeTools {
  dir: string;
  log: string;
  /** One entry per run: its arguments, IPMI_PASSWORD, and the FreeIPMI config file's mode and text. */
  runs(): Array<{ args: string[]; password: string; config?: { mode: string; text: string } }>;
}

/** Prints a fixture file. */
export const print = (file: string): Behaviour => `cat '${join(FIXTURES, file)}'`;

/** Writes the tools, removed when `t` ends; `tools` maps an executable name to `case` patterns and their behaviour. */
export function fakeTools(t: Test, tools: Record<string, Record<string, Behaviour>>): FakeTools {
  const dir = mkdtempSync(join(tmpdir(), 'thincim-ipmi-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'runs.log');
  writeFileSync(log, '');
  for (const [name, cases] of Object.entries(tools)) {
    const branches = Object.entries(cases).map(([pattern, behaviour]) => `  ${pattern}) ${behaviour} ;;`).join('\n');
    const script = `#!/bin/sh
{
  printf 'ARGS'; for a in "$@"; do printf '\\037%s' "$a"; done; printf '\\n'
  printf 'PASSWORD\\037%s\\n' "\${IPMI_PASSWORD-<unset>}"
  for a in "$@"; do
    case "$a" in --config-file=*) f="\${a#--config-file=}"; printf 'CONFIG\\037%s\\037%s\\n' "$(stat -c %a "$f")" "$(cat "$f")" ;; esac
  done
} >> '${log}'
case "$*" in
${branches}
  *) echo "fake ${name}: unexpected arguments: $*" >&2; exit 64 ;;
esac
`;
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
  }
  return {
    dir,
    log,
    runs() {
      const runs: ReturnType<FakeTools['runs']> = [];
      for (const line of readFileSync(log, 'utf8').split('\n')) {
        const [tag, ...fields] = line.split('\u001f');
        if (tag === 'ARGS') runs.push({ args: fields, password: '' });
        const run = runs[runs.length - 1];
        if (!run) continue;
        if (tag === 'PASSWORD') run.password = fields[0] ?? '';
        if (tag === 'CONFIG') run.config = { mode: fields[0] ?? '', text: fields.slice(1).join('\u001f') };
      }
      return runs;
    },
  };
}
