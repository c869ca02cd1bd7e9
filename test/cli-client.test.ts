/** thincim enum|get|assoc|refs|query|classes|class against a real broker, in every output format, and their failures. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { decodeResponse } from '../src/cimxml/index.js';
import { Authenticator, AuthFailureLimiter, loadOrCreateCertificate, setUser, UserStore } from '../src/security/index.js';
import { imethodResponse, messageId, startProxy } from './client/servers.js';
import { runCli } from './client/run-cli.js';
import { SIM, startTestBroker } from './helpers/broker.js';
import { FAST_SCRYPT } from './security/helpers.js';

const broker = await startTestBroker();
t.teardown(() => broker.close());
const url = broker.url;
const fan1 = `OMC_Fan.${Object.entries(SIM.device('OMC_Fan', 'fan1')).map(([k, v]) => `${k}="${v}"`).join(',')}`;

type Json = Record<string, unknown>;
const json = (text: string): unknown => JSON.parse(text);

/** The raw answer printed by --output xml: exactly one CIM-XML document, of the named operation. */
function xmlAnswer(t: Test, stdout: string, operation: string): void {
  t.equal(stdout.match(/<\?xml/g)?.length, 1, 'one document');
  const response = decodeResponse(stdout);
  t.equal(response.name, operation);
  t.equal(response.error, undefined);
}

t.test('enum: a table with ValueMap text, JSON with typed values, the raw XML', async (t) => {
  const table = await runCli(['enum', url, 'CIM_PowerSupply']);
  t.equal(table.code, 0);
  t.equal(table.stderr, '');
  const [header, ...rows] = table.stdout.trimEnd().split('\n');
  // Keys first, then every property some instance has a value for (the NULL ones of the class are left out).
  t.match(header, /^SystemCreationClassName\s+SystemName\s+CreationClassName\s+DeviceID\s+ElementName\s+Name\s+OperationalStatus\s+StatusDescriptions\s+HealthState\s+PrimaryStatus\s+EnabledState\s+RequestedState\s+EnabledDefault\s+TransitioningToState\s+TotalOutputPower$/);
  t.equal(rows.length, 2);
  t.match(rows[0], /simulated:psu1\s+PSU 1\s+PSU 1\s+2 \(OK\)\s+"OK"\s+5 \(OK\)\s+1 \(OK\)\s+2 \(Enabled\)\s+12 \(Not Applicable\)\s+2 \(Enabled\)\s+12 \(Not Applicable\)\s+750000$/);

  const out = await runCli(['enum', url, 'CIM_Fan', '--output', 'json']);
  const fans = json(out.stdout) as Json[];
  t.equal(fans.length, 6);
  t.match(fans[0], {
    classname: 'OMC_Fan',
    path: /^\/\/127\.0\.0\.1:\d+\/root\/cimv2:OMC_Fan\.SystemCreationClassName="Thincim_ComputerSystem",SystemName="testhost",CreationClassName="OMC_Fan",DeviceID="simulated:fan1"$/,
    properties: {
      DesiredSpeed: { type: 'uint64', array: false, value: '9600' },
      HealthState: { type: 'uint16', array: false, value: 5, text: 'OK' },
      OperationalStatus: { type: 'uint16', array: true, value: [2], text: ['OK'] },
      ElementName: { type: 'string', array: false, value: 'Fan 1' },
    },
  });

  const xml = await runCli(['enum', url, 'CIM_Fan', '-o', 'xml']);
  t.equal(xml.code, 0);
  xmlAnswer(t, xml.stdout, 'EnumerateInstances');
});

t.test('enum --names prints paths that get takes back; --property picks the columns', async (t) => {
  const names = await runCli(['enum', url, 'CIM_Fan', '--names']);
  const paths = names.stdout.trimEnd().split('\n');
  t.equal(paths.length, 6);
  const got = await runCli(['get', url, paths[2]!, '-p', 'ElementName', '-o', 'json']);
  t.match(json(got.stdout), { classname: 'OMC_Fan', properties: { ElementName: { value: 'Fan 3' } } });
  t.same(json((await runCli(['enum', url, 'CIM_Fan', '--names', '-o', 'json'])).stdout), paths);
  xmlAnswer(t, (await runCli(['enum', url, 'CIM_Fan', '--names', '-o', 'xml'])).stdout, 'EnumerateInstanceNames');

  const picked = await runCli(['enum', url, 'CIM_Fan', '--property', 'ElementName', '-p', 'HealthState']);
  t.equal(picked.stdout.split('\n')[0], 'ElementName  HealthState', 'in the order asked for');
  t.equal(picked.stdout.split('\n')[1], 'Fan 1        5 (OK)');
});

t.test('get: a property table under the path, JSON, XML', async (t) => {
  const table = await runCli(['get', url, fan1]);
  t.equal(table.code, 0);
  const lines = table.stdout.split('\n');
  t.equal(lines[0], `root/cimv2:${fan1}`);
  t.match(lines[1], /^Property\s+Type\s+Value$/);
  t.ok(lines.some((l) => /^HealthState\s+uint16\s+5 \(OK\)$/.test(l)));
  t.ok(lines.some((l) => /^OperationalStatus\s+uint16\[\]\s+2 \(OK\)$/.test(l)));
  t.match(json((await runCli(['get', url, fan1, '-o', 'json'])).stdout), { path: `root/cimv2:${fan1}`, properties: { DeviceID: { value: 'simulated:fan1' } } });
  xmlAnswer(t, (await runCli(['get', url, fan1, '-o', 'xml'])).stdout, 'GetInstance');
  const other = await runCli(['get', url, `root/interop:Thincim_RegisteredProfile.InstanceID="Thincim:DSP1004"`, '-o', 'json']);
  t.match(json(other.stdout), { properties: { RegisteredName: { value: 'Base Server' } } }, 'the namespace of the path is used');
});

t.test('assoc and refs with their filters, in every format', async (t) => {
  const systems = await runCli(['assoc', url, fan1, '--assoc-class', 'CIM_SystemDevice', '--result-class', 'CIM_ComputerSystem', '--role', 'PartComponent', '--result-role', 'GroupComponent']);
  t.equal(systems.code, 0);
  t.match(systems.stdout, /^CreationClassName\s+Name\s+/);
  t.match(systems.stdout.split('\n')[1], /^Thincim_ComputerSystem\s+testhost\s+/);
  const names = json((await runCli(['assoc', url, fan1, '--result-class', 'CIM_Sensor', '--names', '-o', 'json'])).stdout) as string[];
  t.same(names.map((n) => /DeviceID="([^"]+)"/.exec(n)?.[1]), ['simulated:fan1-speed']);
  const associated = json((await runCli(['assoc', url, fan1, '-o', 'json'])).stdout) as Json[];
  t.equal(associated.length, 6, 'its system, speed sensor, package, redundancy set, profile and capabilities');
  t.match(associated.find((i) => i['classname'] === 'Thincim_RegisteredProfile'), {
    path: /\/root\/interop:Thincim_RegisteredProfile\./, properties: { RegisteredOrganization: { value: 2, text: 'DMTF' } },
  }, 'translated with the class of its own namespace');
  xmlAnswer(t, (await runCli(['assoc', url, fan1, '-o', 'xml'])).stdout, 'Associators');
  xmlAnswer(t, (await runCli(['assoc', url, fan1, '--names', '-o', 'xml'])).stdout, 'AssociatorNames');

  const refs = json((await runCli(['refs', url, fan1, '--result-class', 'CIM_SystemDevice', '--role', 'PartComponent', '-o', 'json'])).stdout) as Json[];
  t.same(refs.map((r) => r['classname']), ['Thincim_SystemDevice']);
  // A reference keeps its namespace, the answer's own too (README, Protocol behaviour), and get takes it back.
  const system = /^root\/cimv2:Thincim_ComputerSystem\.CreationClassName="Thincim_ComputerSystem",Name="testhost"$/;
  t.match(refs[0], { properties: { GroupComponent: { type: 'reference', value: system } } });
  const groupComponent = ((refs[0]!['properties'] as Json)['GroupComponent'] as Json)['value'] as string;
  t.match(json((await runCli(['get', url, groupComponent, '-p', 'Name', '-o', 'json'])).stdout), { classname: 'Thincim_ComputerSystem', properties: { Name: { value: 'testhost' } } });
  const refNames = await runCli(['refs', url, fan1, '--names']);
  t.equal(refNames.stdout.trimEnd().split('\n').length, 6);
  t.match((await runCli(['refs', url, fan1, '--result-class', 'CIM_SystemDevice'])).stdout, /^GroupComponent\s+PartComponent\nroot\/cimv2:Thincim_ComputerSystem\.\S+\s+root\/cimv2:OMC_Fan\.\S+\n$/);
  xmlAnswer(t, (await runCli(['refs', url, fan1, '-o', 'xml'])).stdout, 'References');
  xmlAnswer(t, (await runCli(['refs', url, fan1, '--names', '-o', 'xml'])).stdout, 'ReferenceNames');
});

t.test('query: WQL by default, another language on request', async (t) => {
  const query = 'SELECT ElementName, HealthState FROM CIM_PowerSupply';
  t.equal((await runCli(['query', url, query])).stdout, 'ElementName  HealthState\nPSU 1        5 (OK)\nPSU 2        5 (OK)\n');
  t.same((json((await runCli(['query', url, query, '-o', 'json'])).stdout) as Json[]).map((i) => (i['properties'] as Json)['ElementName']), [
    { type: 'string', array: false, value: 'PSU 1' }, { type: 'string', array: false, value: 'PSU 2' },
  ]);
  xmlAnswer(t, (await runCli(['query', url, query, '-o', 'xml'])).stdout, 'ExecQuery');
  const bad = await runCli(['query', url, query, '--language', 'XQuery']);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /^thincim query: CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED: /);
});

t.test('classes and class', async (t) => {
  t.equal((await runCli(['classes', url, 'CIM_Sensor'])).stdout.split('\n').sort().join(' ').trim(), 'CIM_NumericSensor OMC_DiscreteSensor');
  const deep = json((await runCli(['classes', url, 'CIM_Sensor', '--deep', '-o', 'json'])).stdout) as string[];
  t.same(deep.sort(), ['CIM_NumericSensor', 'OMC_DiscreteSensor', 'Thincim_NumericSensor']);
  t.ok((await runCli(['classes', url])).stdout.split('\n').includes('CIM_ManagedElement'), 'top-level classes without CLASS');
  xmlAnswer(t, (await runCli(['classes', url, '-o', 'xml'])).stdout, 'EnumerateClassNames');

  const table = await runCli(['class', url, 'CIM_Fan']);
  t.match(table.stdout, /^class CIM_Fan : CIM_CoolingDevice\nqualifiers: Version\n\nProperty\s+Type\s+Origin\s+Qualifiers\n/);
  t.match(table.stdout, /\nDeviceID\s+string\s+CIM_LogicalDevice\s+Key, MaxLen\n/);
  t.match(table.stdout, /\nRequestStateChange\s+uint32\s+uint16 RequestedState, REF CIM_ConcreteJob Job, datetime TimeoutPeriod\n/);
  const cls = json((await runCli(['class', url, 'CIM_Fan', '-o', 'json'])).stdout) as Json;
  t.match(cls, { classname: 'CIM_Fan', superclass: 'CIM_CoolingDevice', properties: { DeviceID: { type: 'string', qualifiers: { Key: true }, classOrigin: 'CIM_LogicalDevice' } } });
  xmlAnswer(t, (await runCli(['class', url, 'CIM_Fan', '-o', 'xml'])).stdout, 'GetClass');
});

t.test('empty results print nothing, or an empty JSON array', async (t) => {
  t.same(await runCli(['enum', url, 'CIM_Battery']), { code: 0, stdout: '', stderr: '' });
  t.equal((await runCli(['enum', url, 'CIM_Battery', '-o', 'json'])).stdout, '[]\n');
});

t.test('CIM errors exit 1 with the status name and description', async (t) => {
  const missing = await runCli(['get', url, fan1.replace('simulated:fan1', 'simulated:nope')]);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^thincim get: CIM_ERR_NOT_FOUND: .+\n$/);
  const noClass = await runCli(['enum', url, 'CIM_NoSuchClass']);
  t.same([noClass.code, noClass.stdout], [1, '']);
  t.match(noClass.stderr, /^thincim enum: CIM_ERR_INVALID_CLASS: /);
  const namespace = await runCli(['classes', `${url}/root/nowhere`]);
  t.match(namespace, { code: 1, stderr: /CIM_ERR_INVALID_NAMESPACE/ });
});

t.test('usage errors exit 2 with the usage line; --help exits 0', async (t) => {
  const cases: [string[], RegExp][] = [
    [['enum'], /wrong number of arguments/],
    [['enum', url], /wrong number of arguments/],
    [['classes', url, 'A', 'B'], /wrong number of arguments/],
    [['enum', url, 'CIM_Fan', '--bogus'], /Unknown option '--bogus'/],
    [['enum', url, 'CIM_Fan', '-o', 'yaml'], /--output must be table, json or xml, not 'yaml'/],
    [['get', url, 'CIM_Fan.DeviceID=unquoted'], /bad instance path: the value of key 'DeviceID' must be quoted/],
    [['enum', 'ftp://host', 'CIM_Fan'], /unsupported scheme 'ftp'/],
    [['enum', url, 'CIM_Fan', '--insecure'], /--insecure need an https:\/\/ URL/],
    [['enum', url.replace('http:', 'https:'), 'CIM_Fan', '--insecure', '--fingerprint', 'AA'], /--fingerprint and --insecure exclude one another/],
    [['enum', url.replace('http:', 'https:'), 'CIM_Fan', '--fingerprint', 'AA:BB'], /--fingerprint must be a SHA-256 fingerprint/],
    [['enum', url.replace('http:', 'https:'), 'CIM_Fan', '--cacert', '/nonexistent/ca.pem'], /cannot read --cacert \/nonexistent\/ca.pem: ENOENT/],
    [['enum', url, 'CIM_Fan', '--timeout', '0'], /--timeout must be a number of seconds above 0/],
    [['enum', url, 'CIM_Fan', '--timeout', 'soon'], /--timeout must be a number/],
    [['enum', url, 'CIM_Fan', '--namespace', '/'], /--namespace must not be empty/],
  ];
  for (const [args, message] of cases) {
    const res = await runCli(args);
    t.equal(res.code, 2, args.join(' '));
    t.match(res.stderr, message, args.join(' '));
    t.match(res.stderr, new RegExp(`\\nusage: thincim ${args[0]} URL `), 'the usage line follows');
  }
  const help = await runCli(['assoc', '--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^usage: thincim assoc URL INSTANCEPATH .*--result-role R/);
  t.match(help.stdout, /exit status: 0 success, 1 CIM error .* 2 usage error,\n3 connection/);
  const top = await runCli(['--help']);
  for (const name of ['enum', 'get', 'assoc', 'refs', 'query', 'classes', 'class', 'health']) t.match(top.stdout, new RegExp(`\\n  ${name} +\\S`), name);
});

t.test('connection failures exit 3', async (t) => {
  const refused = await runCli(['enum', 'http://127.0.0.1:1', 'CIM_Fan']);
  t.same(refused, { code: 3, stdout: '', stderr: 'thincim enum: connection refused: 127.0.0.1:1 (ECONNREFUSED)\n' });
});

t.test('credentials from options, the environment and netrc; 401 is "authentication failed"', async (t) => {
  const dir = t.testdir();
  const users = join(dir, 'users');
  await setUser(users, 'ops', 'ops-pass', { scrypt: FAST_SCRYPT });
  const authenticator = new Authenticator({ users: await UserStore.open(users), limiter: new AuthFailureLimiter({ maxFailures: 0 }) });
  const secured = await startTestBroker({ listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: true }], authenticator });
  t.teardown(() => secured.close());
  const file = (name: string, content: string): string => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const passwordFile = file('password', 'ops-pass\nignored second line\n');
  const netrc = file('netrc', 'machine 127.0.0.1 login ops password ops-pass\n');
  file('.netrc', 'default login ops password ops-pass\n');
  const enumFans = (...extra: string[]) => ['enum', secured.url, 'CIM_Fan', '--names', ...extra];

  const none = await runCli(enumFans());
  t.same(none, { code: 3, stdout: '', stderr: 'thincim enum: authentication failed: the server asks for credentials and none were given\n' });
  t.match(await runCli(enumFans('-u', 'ops', '--password-file', join(dir, 'netrc'))), { code: 3, stderr: /the server refused the credentials/ });
  t.match(await runCli(enumFans('--user', 'ops', '--password-file', passwordFile)), { code: 0, stderr: '' });
  t.match(await runCli(enumFans(), { env: { THINCIM_USER: 'ops', THINCIM_PASSWORD: 'ops-pass' } }), { code: 0, stderr: '' });
  t.match(await runCli(enumFans('--netrc', netrc)), { code: 0, stderr: '' });
  t.match(await runCli(enumFans('-u', 'ops', '--netrc', netrc)), { code: 0 }, 'the netrc password of the same login');
  t.match(await runCli(enumFans(), { env: { HOME: dir } }), { code: 0 }, '~/.netrc by default');
  const inline = await runCli(enumFans('-u', 'ops', '--password', 'ops-pass'));
  t.equal(inline.code, 0);
  t.match(inline.stderr, /^thincim: warning: --password shows the password to other users/);

  const usage: [string[], NodeJS.ProcessEnv, RegExp][] = [
    [enumFans('-u', 'admin', '--netrc', netrc), {}, /no password for user 'admin' \(--password-file, THINCIM_PASSWORD or a netrc entry for 127\.0\.0\.1\)/],
    [enumFans(), { THINCIM_PASSWORD: 'x' }, /a password was given without a user/],
    [enumFans('--netrc', join(dir, 'missing')), {}, /cannot read --netrc .*missing: ENOENT/],
    [enumFans('--netrc', file('bad-netrc', 'machine\n')), {}, /bad-netrc:1: 'machine' needs a value/],
    [enumFans('-u', 'ops', '--password-file', file('empty', '\n')), {}, /the first line is empty/],
    [enumFans('-u', 'ops', '--password-file', passwordFile, '--password', 'x'), {}, /--password-file and --password exclude one another/],
    [enumFans('-u', 'o:ps', '--password', 'x'), {}, /a user name cannot contain ":"/],
  ];
  for (const [args, env, message] of usage) {
    const res = await runCli(args, { env });
    t.equal(res.code, 2, args.slice(3).join(' '));
    t.match(res.stderr, message);
  }
});

t.test('HTTPS: untrusted by default, trusted with --cacert, --fingerprint or --insecure', async (t) => {
  const dir = t.testdir();
  const certificate = await loadOrCreateCertificate({ stateDir: dir, hostnames: ['localhost'] });
  const secure = await startTestBroker({
    listeners: [{ protocol: 'https', host: '127.0.0.1', port: 0, requireAuth: false }],
    tls: { cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2', requestCert: false },
  });
  t.teardown(() => secure.close());
  t.match(secure.url, /^https:/);
  const untrusted = await runCli(['classes', secure.url]);
  t.equal(untrusted.code, 3);
  t.match(untrusted.stderr, /^thincim classes: TLS with .* failed: .*--cacert FILE or --fingerprint/);
  for (const trust of [['--cacert', certificate.certFile], ['--fingerprint', certificate.fingerprint256], ['--insecure']] as const) {
    const res = await runCli(['classes', secure.url, 'CIM_Sensor', ...trust]);
    t.same([res.code, res.stderr], [0, ''], trust[0]);
    t.match(res.stdout, /CIM_NumericSensor/);
  }
  const pinned = await runCli(['classes', secure.url, '--fingerprint', '00'.repeat(32)]);
  t.match(pinned, { code: 3, stderr: /does not match the pinned fingerprint/ });
});

t.test('control characters from the server are escaped in tables and errors, exact in JSON and XML', async (t) => {
  // SOURCE of the scenario: see its name in test/fixtures/health/escape-labels.json.
  const scenario = new URL('./fixtures/health/escape-labels.json', import.meta.url).pathname;
  const odd = await startTestBroker({ simulated: { scenario } });
  t.teardown(() => odd.close());
  const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
  const table = await runCli(['enum', odd.url, 'CIM_NumericSensor', '-p', 'ElementName']);
  t.notMatch(table.stdout, control);
  t.match(table.stdout, '\nC1\\x9b31mred\\x7f\n', 'a C1 CSI and DEL visible');
  t.match(table.stdout, '\nLine break tab\n', 'a line feed and tab in a value still a space');
  const names = (await runCli(['enum', odd.url, 'CIM_NumericSensor', '--names'])).stdout.trimEnd().split('\n');
  const csi = names.find((p) => p.includes('simulated:csi'))!;
  const got = await runCli(['get', odd.url, csi]);
  t.notMatch(got.stdout, control);
  t.match(got.stdout, /\nElementName +string +C1\\x9b31mred\\x7f\n/);
  const asJson = json((await runCli(['enum', odd.url, 'CIM_NumericSensor', '-p', 'ElementName', '-o', 'json'])).stdout) as { properties: { ElementName: { value: string } } }[];
  t.same(asJson.map((i) => i.properties.ElementName.value).slice(2), ['Line\nbreak\ttab', 'C1\u009b31mred\u007f'], 'JSON exact');
  t.match((await runCli(['enum', odd.url, 'CIM_NumericSensor', '-o', 'xml'])).stdout, 'C1\u009b31mred\u007f', 'XML exact');

  const proxy = await startProxy(odd.url, async (method, received) =>
    imethodResponse(messageId(received.body), method, '<ERROR CODE="1" DESCRIPTION="OEM &#x9B;2J&#x7F;said&#10;no"/>'));
  t.teardown(() => proxy.close());
  const failed = await runCli(['enum', proxy.url, 'CIM_Fan']);
  t.same(failed, { code: 1, stdout: '', stderr: 'thincim enum: CIM_ERR_FAILED: OEM \\x9b2J\\x7fsaid\\x0ano\n' });
});
