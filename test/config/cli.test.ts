import { PassThrough } from 'node:stream';
import t from 'tap';
import { parse } from 'yaml';
import { run } from '../../src/cli/config.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

function capture(env: Record<string, string> = {}): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (write: (s: string) => void): NodeJS.WritableStream => {
    const s = new PassThrough();
    s.on('data', (c: Buffer) => write(c.toString()));
    return s;
  };
  const io: CliIO = {
    stdout: sink((s) => { out += s; }),
    stderr: sink((s) => { err += s; }),
    stdin: new PassThrough(),
    env: { THINCIM_STATE_DIR: '/srv/state', ...env },
  };
  return { io, out: () => out, err: () => err };
}

const SECRET = 'correct-horse-battery';

t.test('--print: YAML of the effective configuration, secrets masked', async (t) => {
  const c = capture({ THINCIM_IPMI_PASSWORD: SECRET });
  t.equal(await run(['--print', '--http-port', '8088'], c.io), 0);
  const printed = parse(c.out()) as Record<string, unknown>;
  t.equal(printed['httpPort'], 8088);
  t.match(printed, { ipmi: { password: '********' }, stateDir: '/srv/state' });
  t.notOk(c.out().includes(SECRET));
});

t.test('--print --json', async (t) => {
  const c = capture();
  t.equal(await run(['--print', '--json', '--no-metrics'], c.io), 0);
  t.match(JSON.parse(c.out()), { metrics: false, limits: { bodyBytes: 4194304 } });
});

t.test('--reference and --schema', async (t) => {
  const ref = capture();
  t.equal(await run(['--reference'], ref.io), 0);
  t.match(ref.out(), /^\| Key \| Type \| Default \| Variable \| Flag \| Meaning \|/);
  const schema = capture();
  t.equal(await run(['--schema'], schema.io), 0);
  t.match(JSON.parse(schema.out()), { title: 'thincim configuration', properties: { limits: { type: 'object' } } });
});

t.test('usage and configuration errors', async (t) => {
  const none = capture();
  t.equal(await run([], none.io), 2, 'an action is required');
  t.match(none.err(), /usage: thincim config --print/);
  t.equal(await run(['--json'], capture().io), 2, '--json goes with --print');
  t.equal(await run(['--print', '--reference'], capture().io), 2, 'one action at a time');
  const help = capture();
  t.equal(await run(['--help'], help.io), 0);
  t.match(help.out(), /usage/);
  const bad = capture({ THINCIM_IPMI_PASSWORD: SECRET, THINCIM_NOPE: SECRET });
  t.equal(await run(['--print', '--https-port', 'x'], bad.io), 2);
  t.match(bad.err(), /httpsPort: must be an integer \(got "x"\) \(--https-port\)/);
  t.match(bad.err(), /THINCIM_NOPE: unknown environment variable/);
  t.notOk(bad.err().includes(SECRET), 'no secret in the error output');
});

t.test('serve: a configuration error says where the keys are listed, and starts nothing', async (t) => {
  const c = capture();
  t.equal(await main(['serve', '--bogus', '--http-prot'], c.io), 2);
  t.equal(c.err(), 'thincim serve: invalid configuration:\n  --bogus: unknown flag\n  --http-prot: unknown flag (did you mean --http-port?)\n'
    + '`thincim config --reference` lists every key with its THINCIM_* variable and flag; `thincim serve --help` says how they combine.\n');
  t.equal(c.out(), '');
});

t.test('registered in the dispatcher', async (t) => {
  const c = capture();
  t.equal(await main(['config', '--print', '--json'], c.io), 0);
  t.match(JSON.parse(c.out()), { httpsPort: 5989 });
});
