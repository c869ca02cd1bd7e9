import { inspect } from 'node:util';
import t from 'tap';
import { IpmiError } from '../errors.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, parseOptions, Secret } from '../options.js';

t.test('defaults', async (t) => {
  const config = parseOptions({}, { PATH: '/usr/bin' });
  t.match(config, { tool: 'auto', commandTimeoutMs: DEFAULT_COMMAND_TIMEOUT_MS, thresholdRefreshMs: 300_000, fruRefreshMs: 3_600_000, rangeRefreshMs: 0, dcmi: false, maxOutputBytes: 4 * 1024 * 1024, path: '/usr/bin' });
  t.equal(config.lan, undefined);
  t.equal(config.executable, undefined);
  t.equal(config.localInterface, undefined);
  t.equal(config.recording, undefined);
});

t.test('every option is checked, with a message naming it', async (t) => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ tool: 'ipmiutil' }, /'tool' must be 'auto', 'ipmitool', 'freeipmi' or the path of an ipmitool or ipmi-sensors executable, got 'ipmiutil'/],
    [{ tool: '/usr/bin/ipmiutil' }, /'tool' must be/],
    [{ timeout: 0 }, /'timeout' must be a positive number of milliseconds, got 0/],
    [{ commandTimeout: '5s' }, /'commandTimeout' must be a positive/],
    [{ sdrfile: '/typo' }, /option 'sdrfile' is unknown; the options are interval, timeout, tool, /],
    [{ interval: -1 }, /'interval' must be a positive number of seconds/],
    [{ thresholdRefresh: -1 }, /'thresholdRefresh' must be a number of seconds ≥ 0/],
    [{ fruRefresh: Number.NaN }, /'fruRefresh'/],
    [{ rangeRefresh: '1h' }, /'rangeRefresh' must be a number of seconds ≥ 0/],
    [{ maxOutputBytes: 1.5 }, /'maxOutputBytes' must be a positive integer/],
    [{ dcmi: 'yes' }, /'dcmi' must be true or false/],
    [{ host: '' }, /'host' must be a non-empty string/],
    [{ path: 7 }, /'path' must be a non-empty string/],
    [{ user: 'admin' }, /'user' is for IPMI over LAN and needs 'host'/],
    [{ passwordFile: '/p' }, /'passwordFile' is for IPMI over LAN/],
    [{ host: 'bmc', password: 'a', passwordFile: '/p' }, /exclude each other/],
    [{ host: 'bmc', password: 42 }, /'password' must be a string/],
    [{ host: 'bmc', interface: 'open' }, /'interface' must be one of 'lanplus', 'lan'/],
    [{ interface: 'Open Sesame' }, /'interface' must be an ipmitool interface name/],
    [{ interface: 'lanplus' }, /'interface' 'lanplus' is for IPMI over LAN and needs 'host'/],
    [{ tool: 'freeipmi', interface: 'imb' }, /FreeIPMI has no driver for 'imb'/],
    [{ host: 'bmc', port: 70000 }, /'port' must be a port number/],
    [{ host: 'bmc', sdrFile: '/x' }, /cannot be combined with 'host'/],
    [{ fruFile: '/f' }, /'fruFile' needs 'sdrFile' or 'sensorFile'/],
  ];
  for (const [options, message] of cases) {
    t.throws(() => parseOptions(options, {}), { name: 'IpmiError', code: 'BAD_OPTION', message }, JSON.stringify(options));
  }
});

t.test('LAN: interface, port, user; the password from the option, the environment or a file', async (t) => {
  const lan = parseOptions({ host: 'bmc1', user: 'admin', password: 'pw', port: 6230, interface: 'lan' }, {}).lan;
  t.match(lan, { host: 'bmc1', user: 'admin', port: 6230, interface: 'lan', password: { kind: 'value' } });
  t.equal(lan?.password.kind === 'value' && lan.password.secret.reveal(), 'pw');
  const fromEnv = parseOptions({ host: 'bmc1' }, { IPMI_PASSWORD: 'envpw' }).lan;
  t.equal(fromEnv?.password.kind === 'value' && fromEnv.password.secret.reveal(), 'envpw');
  t.same(parseOptions({ host: 'bmc1', passwordFile: '/run/secrets/bmc' }, { IPMI_PASSWORD: 'x' }).lan?.password, { kind: 'file', path: '/run/secrets/bmc' });
  t.same(parseOptions({ host: 'bmc1' }, {}).lan, { host: 'bmc1', interface: 'lanplus', password: { kind: 'none' } });
});

t.test('the password never prints', async (t) => {
  const config = parseOptions({ host: 'bmc1', password: 'hunter2' }, {});
  t.notMatch(JSON.stringify(config), /hunter2/);
  t.notMatch(inspect(config, { depth: 10 }), /hunter2/);
  const secret = new Secret('hunter2');
  t.equal(String(secret), '[redacted]');
  t.equal(`${secret}`, '[redacted]');
  t.equal(secret.reveal(), 'hunter2');
});

t.test('recordings', async (t) => {
  t.same(parseOptions({ sdrFile: '/a', fruFile: '/c' }, {}).recording, { sdrFile: '/a', fruFile: '/c' });
  t.type(new IpmiError('BAD_OPTION', 'x'), Error);
});

t.test('tool: a choice, or an executable whose name tells which', async (t) => {
  t.match(parseOptions({ tool: 'ipmi-sensors' }, {}), { tool: 'freeipmi' });
  t.match(parseOptions({ tool: '/opt/ipmitool/bin/ipmitool' }, {}), { tool: 'ipmitool', executable: '/opt/ipmitool/bin/ipmitool' });
  t.match(parseOptions({ tool: '/usr/sbin/ipmi-sensors' }, {}), { tool: 'freeipmi', executable: '/usr/sbin/ipmi-sensors' });
});

t.test('interface: LAN with host, the local interface without', async (t) => {
  t.match(parseOptions({ interface: 'imb' }, {}), { localInterface: 'imb' });
  t.match(parseOptions({ interface: 'open', tool: 'freeipmi' }, {}), { localInterface: 'open' });
  t.equal(parseOptions({ host: 'b', interface: 'lan' }, {}).localInterface, undefined);
});
