import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { type ConfigProblem, ConfigError, loadConfig, type LoadConfigInput, maskSecrets, MASK } from '../../src/config/index.js';

/** A fixed state folder keeps defaults independent of the machine (root can write /var/lib). */
const BASE_ENV = { THINCIM_STATE_DIR: '/srv/thincim-state' };

function load(input: Partial<LoadConfigInput> = {}) {
  return loadConfig({ argv: [], cwd: '/work', ...input, env: { ...BASE_ENV, ...input.env } });
}

async function problemsOf(input: Partial<LoadConfigInput>): Promise<ConfigProblem[]> {
  try {
    await load(input);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function writeFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

t.test('defaults', async (t) => {
  const { config, sources } = await load();
  t.equal(config.host, '0.0.0.0');
  t.equal(config.httpPort, 5988);
  t.equal(config.httpsPort, 5989);
  t.equal(config.httpOpen, false);
  t.equal(config.tls.minVersion, 'TLSv1.2');
  t.equal(config.tls.cert, undefined);
  t.same(config.tls.clientCertUsers, {});
  t.equal(config.auth, 'basic');
  t.equal(config.limits.bodyBytes, 4 * 1024 * 1024);
  t.equal(config.limits.headerBytes, 16 * 1024);
  t.equal(config.limits.authFailuresPerMinute, 10);
  t.same(config.providers, ['auto']);
  t.equal(config.hwmon.root, '/sys');
  t.same(config.schemaDir, []);
  t.equal(config.log.level, 'info');
  t.equal(config.metrics, true);
  t.equal(config.shutdownGraceMs, 10_000);
  t.equal(config.staleAfterSec, 60);
  t.equal(sources['httpPort'], 'default');
  t.equal(sources['stateDir'], 'THINCIM_STATE_DIR');
});

t.test('derived defaults follow stateDir and the terminal', async (t) => {
  const { config } = await load({ argv: ['--state-dir', 'state'], cwd: '/opt/x', stdoutIsTTY: true });
  t.equal(config.stateDir, '/opt/x/state');
  t.equal(config.users, '/opt/x/state/users');
  t.equal(config.cacheDir, '/opt/x/state/cache');
  t.equal(config.log.pretty, true);
  t.equal((await load()).config.log.pretty, false);
});

t.test('precedence: default < file < env < flag, key by key', async (t) => {
  const dir = t.testdir();
  const file = writeFile(dir, 'thincim.yaml', [
    'httpPort: 1001',
    'httpsPort: 1002',
    'log:',
    '  level: debug',
    'limits:',
    '  bodyBytes: 2048',
    '  xmlDepth: 20',
    'providers: [hwmon, ipmi]',
  ].join('\n'));
  const { config, sources, file: read } = await load({
    argv: ['--config', file, '--https-port', '3002', '--limits-xml-depth', '40'],
    env: { THINCIM_HTTPS_PORT: '2002', THINCIM_LOG_LEVEL: 'warn', THINCIM_LIMITS_XML_DEPTH: '30', THINCIM_PROVIDERS: 'simulated' },
  });
  t.equal(read, file);
  t.equal(config.httpPort, 1001, 'file over default');
  t.equal(sources['httpPort'], file);
  t.equal(config.httpsPort, 3002, 'flag over env over file');
  t.equal(sources['httpsPort'], '--https-port');
  t.equal(config.log.level, 'warn', 'env over file');
  t.equal(sources['log.level'], 'THINCIM_LOG_LEVEL');
  t.equal(config.limits.bodyBytes, 2048, 'file value kept beside env/flag values of the same section');
  t.equal(config.limits.xmlDepth, 40);
  t.same(config.providers, ['simulated'], 'env list replaces file list');
  t.equal(config.limits.headerBytes, 16384, 'untouched keys keep their default');
});

t.test('THINCIM_CONFIG names the file; --config wins over it', async (t) => {
  const dir = t.testdir();
  const a = writeFile(dir, 'a.yaml', 'httpPort: 1111\n');
  const b = writeFile(dir, 'b.json', '{"httpPort": 2222}');
  t.equal((await load({ env: { THINCIM_CONFIG: a } })).config.httpPort, 1111);
  t.equal((await load({ env: { THINCIM_CONFIG: a }, argv: ['-c', b] })).config.httpPort, 2222);
});

t.test('JSON and YAML files', async (t) => {
  const dir = t.testdir();
  const json = writeFile(dir, 'c.json', JSON.stringify({
    tls: { minVersion: 'TLSv1.3', ca: '/etc/ca.pem', clientCertUsers: { 'monitor.example': 'nagios' } },
    ipmi: { host: 'bmc.example', interval: 5.5 },
    providerOptions: { acme: { endpoint: 'x', nested: { a: 1 } } },
    schemaDir: 'oem',
  }));
  const { config } = await load({ argv: ['--config', json] });
  t.equal(config.tls.minVersion, 'TLSv1.3');
  t.same(config.tls.clientCertUsers, { 'monitor.example': 'nagios' });
  t.equal(config.ipmi.host, 'bmc.example');
  t.equal(config.ipmi.interval, 5.5);
  t.same(config.providerOptions, { acme: { endpoint: 'x', nested: { a: 1 } } });
  t.same(config.schemaDir, [join(dir, 'oem')], 'a single string is a one-element list; relative to the file');

  const yaml = writeFile(dir, 'c.yml', 'metrics: false\nsimulated:\n  sensors: 3\n# a comment\nhwmon: {root: ./sys-capture}\n');
  const y = await load({ argv: ['--config', yaml] });
  t.equal(y.config.metrics, false);
  t.equal(y.config.simulated.sensors, 3);
  t.equal(y.config.hwmon.root, join(dir, 'sys-capture'));
  t.equal((await load({ argv: ['--config', writeFile(dir, 'empty.yaml', '')] })).config.httpPort, 5988, 'an empty file sets nothing');
  const blank = writeFile(dir, 'blank.yaml', 'tls:\n  # cert: /etc/thincim/cert.pem\nlimits:\n');
  t.equal((await load({ argv: ['--config', blank] })).config.tls.minVersion, 'TLSv1.2', 'a section with every key commented out is empty');
});

t.test('relative paths: against the file folder in files, the working directory otherwise', async (t) => {
  const dir = t.testdir();
  const file = writeFile(dir, 'c.yaml', 'tls: {cert: c.pem, key: k.pem}\nproviders: [hwmon, ./my-provider.js, "@acme/thincim-provider"]\n');
  const { config } = await load({ argv: ['--config', file, '--users', 'u', '--schema-dir', 'a', '--schema-dir', '/b'], cwd: '/here' });
  t.equal(config.tls.cert, join(dir, 'c.pem'));
  t.equal(config.tls.key, join(dir, 'k.pem'));
  t.same(config.providers, ['hwmon', join(dir, 'my-provider.js'), '@acme/thincim-provider'], 'only ./ paths are files');
  t.equal(config.users, '/here/u');
  t.same(config.schemaDir, ['/here/a', '/b'], 'the flag repeats');
  const env = await load({ env: { THINCIM_SCHEMA_DIR: '/x:rel' }, cwd: '/here' });
  t.same(env.config.schemaDir, ['/x', '/here/rel'], 'the variable separates folders with :');
});

t.test('a provider given by relative path finds its options under the same string', async (t) => {
  // The template README: "A path or a package name goes straight into `providers`, with its options under the same string".
  const dir = t.testdir();
  const file = writeFile(dir, 'c.yaml', [
    'providers: [./dist/index.js, "@acme/thincim-provider"]',
    'providerOptions:',
    '  ./dist/index.js: { mode: ok }',
    '  "@acme/thincim-provider": { file: /r.json }',
    '  acme: { module: ../acme/index.js }',
  ].join('\n'));
  const { config } = await load({ argv: ['--config', file], cwd: '/here' });
  const entry = join(dir, 'dist/index.js');
  t.same(config.providers, [entry, '@acme/thincim-provider']);
  t.same(Object.keys(config.providerOptions), [entry, '@acme/thincim-provider', 'acme'], 'a ./ key resolves like the entry it names');
  t.same(config.providerOptions[entry], { mode: 'ok' });
  t.same(config.providerOptions['acme'], { module: join(dir, '../acme/index.js') }, 'so does a ./ module, against the file folder');
  const flags = await load({ argv: ['--providers', './p.js', '--provider-options', '{"./p.js": {"a": 1}}'], cwd: '/here' });
  t.same(flags.config.providers, ['/here/p.js']);
  t.same(flags.config.providerOptions, { '/here/p.js': { a: 1 } }, 'on the command line from the working directory');
});

t.test('two providerOptions keys naming one provider file: refused, both keys and the file named', async (t) => {
  // Before, the sections were merged as the keys resolved, the first one lost without a word.
  const dir = t.testdir();
  const acme = join(dir, 'acme.js');
  const file = writeFile(dir, 'c.yaml', [
    'providers: [./acme.js]',
    'providerOptions:',
    '  ./acme.js: { endpoint: a }',
    `  ${JSON.stringify(acme)}: { endpoint: b }`,
    '  ./dist/../x.js: { mode: a }',
    '  ./x.js: { mode: b }',
    '  acme: { module: ./acme.js }',
  ].join('\n'));
  t.same(await problemsOf({ argv: ['--config', file] }), [
    { key: 'providerOptions', source: file, line: 4, message: `'./acme.js' and '${acme}' name one provider file, ${acme}: give its options once` },
    { key: 'providerOptions', source: file, line: 6, message: `'./dist/../x.js' and './x.js' name one provider file, ${join(dir, 'x.js')}: give its options once` },
  ]);
  t.match(await problemsOf({ argv: ['--provider-options', '{"./p.js": {"a": 1}, "/here/p.js": {"a": 2}}'], cwd: '/here' }), [
    { key: 'providerOptions', source: '--provider-options', message: `'./p.js' and '/here/p.js' name one provider file, /here/p.js: give its options once` },
  ], 'on the command line too');
});

t.test('flags: booleans with --no-, lists, JSON maps, = syntax', async (t) => {
  const { config, sources } = await load({
    argv: [
      '--http-open', '--no-metrics', '--providers', 'hwmon,ipmi', '--providers=simulated',
      '--tls-client-cert-users', '{"cn1":"alice"}', '--tls-ca=/ca.pem', '--sim-sensors', '7', '--hwmon-root', '/cap',
      '--ipmi-sdr-file', '/sdr.txt', '--log-pretty', '--sim-time-scale', '60',
    ],
    env: { THINCIM_METRICS: 'true', THINCIM_HTTP_OPEN: 'false' },
  });
  t.equal(config.httpOpen, true);
  t.equal(config.metrics, false);
  t.equal(sources['metrics'], '--no-metrics');
  t.same(config.providers, ['hwmon', 'ipmi', 'simulated']);
  t.same(config.tls.clientCertUsers, { cn1: 'alice' });
  t.equal(config.simulated.sensors, 7);
  t.equal(config.simulated.timeScale, 60, 'the simulated timeline played 60 times as fast');
  t.equal(config.hwmon.root, '/cap');
  t.equal(config.ipmi.sdrFile, '/sdr.txt');
  t.equal(config.log.pretty, true);
});

t.test('environment: booleans, numbers, empty values count as unset', async (t) => {
  const { config, sources } = await load({
    env: { THINCIM_HTTP_OPEN: 'yes', THINCIM_AUTH_LOOPBACK: 'ON', THINCIM_HWMON_INTERVAL: '2.5', THINCIM_HTTP_PORT: '' },
  });
  t.equal(config.httpOpen, true);
  t.equal(config.authLoopback, true);
  t.equal(config.hwmon.interval, 2.5);
  t.equal(config.httpPort, 5988);
  t.equal(sources['httpPort'], 'default');
});

// The kubelet gives every container variables for each Service of its namespace (enableServiceLinks,
// on by default): {NAME}_SERVICE_HOST, {NAME}_SERVICE_PORT[_{PORT NAME}], and Docker links'
// {NAME}_PORT, {NAME}_PORT_{N}_{PROTO}[_PROTO|_PORT|_ADDR]. A Service named `thincim` (or
// `thincim-…`) beside the agent made every start fail on "unknown environment variable".
// SOURCE: https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables
const SERVICE_LINKS = {
  THINCIM_SERVICE_HOST: '10.96.0.12', THINCIM_SERVICE_PORT: '5989', THINCIM_SERVICE_PORT_HTTPS: '5989',
  THINCIM_PORT: 'tcp://10.96.0.12:5989', THINCIM_PORT_5989_TCP: 'tcp://10.96.0.12:5989', THINCIM_PORT_5989_TCP_PROTO: 'tcp',
  THINCIM_PORT_5989_TCP_PORT: '5989', THINCIM_PORT_5989_TCP_ADDR: '10.96.0.12',
  THINCIM_AGENT_SERVICE_HOST: '10.96.0.13', THINCIM_AGENT_PORT: 'tcp://10.96.0.13:5989', THINCIM_AGENT_PORT_5989_TCP_PORT: '5989',
};

// The kubelet's complete set for a Service named thincim with ports https 5989 and http 5988
// (envvars.go: makeEnvVariableName, makeLinkVariables; Docker's first-port THINCIM_PORT), and
// the same on an IPv6 cluster, where net.JoinHostPort brackets the address.
function kubeletSet(ip: string): Record<string, string> {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return {
    THINCIM_SERVICE_HOST: ip, THINCIM_SERVICE_PORT: '5989', THINCIM_SERVICE_PORT_HTTPS: '5989', THINCIM_SERVICE_PORT_HTTP: '5988',
    THINCIM_PORT: `tcp://${host}:5989`,
    THINCIM_PORT_5989_TCP: `tcp://${host}:5989`, THINCIM_PORT_5989_TCP_PROTO: 'tcp', THINCIM_PORT_5989_TCP_PORT: '5989', THINCIM_PORT_5989_TCP_ADDR: ip,
    THINCIM_PORT_5988_TCP: `tcp://${host}:5988`, THINCIM_PORT_5988_TCP_PROTO: 'tcp', THINCIM_PORT_5988_TCP_PORT: '5988', THINCIM_PORT_5988_TCP_ADDR: ip,
  };
}

t.test("the kubelet's set for a Service named thincim (5989, 5988) is accepted, v4 and v6", async (t) => {
  for (const ip of ['10.96.0.12', 'fd00:10:96::c']) {
    const { config, sources } = await load({ env: { ...kubeletSet(ip), THINCIM_HTTPS_PORT: '15989' } });
    t.equal(config.httpsPort, 15989, `${ip}: accepted, and the real variables still count`);
    t.equal(sources['httpsPort'], 'THINCIM_HTTPS_PORT');
  }
});

// Only a name AND a value of the kubelet's shape are left alone: these typos of real variables
// were accepted silently by a name-only filter (a THINCIM_HTP_PORT=0 meant to switch plain HTTP
// off left it on).
t.test('typos of real variables are refused even when their names look like service links', async (t) => {
  const typos: Array<[string, string, RegExp]> = [
    ['THINCIM_HTPS_PORT', '15989', /did you mean THINCIM_HTTPS_PORT\?/],
    ['THINCIM_HTTPS__PORT', '15989', /did you mean THINCIM_HTTPS_PORT\?/],
    ['THINCIM_IMPI_PORT', '623', /did you mean THINCIM_IPMI_PORT\?/],
    ['THINCIM_HTP_PORT', '0', /did you mean THINCIM_HTTP_PORT\?/],
    ['THINCIM_PORT', '5989', /unknown environment variable/],
    ['THINCIM_https_PORT', '1', /unknown environment variable/],
    ['THINCIM_SERVICE_HOST', 'thincim.local', /unknown environment variable/],
    ['THINCIM_SERVICE_PORT_HTTPS', 'tcp://10.96.0.12:5989', /unknown environment variable/],
    ['THINCIM_PORT_5989_TCP', 'tcp://10.96.0.12:5988', /unknown environment variable/],
    ['THINCIM_PORT_5989_TCP_PROTO', 'udp', /unknown environment variable/],
    ['THINCIM_PORT_5989_TCP_ADDR', '10.96.0', /unknown environment variable/],
  ];
  for (const [name, value, message] of typos) {
    t.match(await problemsOf({ env: { [name]: value } }), [{ key: name, source: name, message }], `${name}=${value}`);
  }
});

t.test("Kubernetes' service-link variables are not configuration: left alone", async (t) => {
  const { config, sources } = await load({ env: { ...SERVICE_LINKS, THINCIM_HTTPS_PORT: '15989' } });
  t.equal(config.httpsPort, 15989, 'the real variables still count');
  t.equal(sources['httpsPort'], 'THINCIM_HTTPS_PORT');
  t.match(await problemsOf({ env: { THINCIM_SERVICE_HOSTS: '1' } }), [{ key: 'THINCIM_SERVICE_HOSTS', message: /unknown environment variable/ }],
    'a name outside their patterns is still refused');
  // A Service named thincim-https sets THINCIM_HTTPS_PORT=tcp://…: the key's own variable, which cannot be left out.
  t.match(await problemsOf({ env: { THINCIM_HTTPS_PORT: 'tcp://10.96.0.14:5989' } }), [{
    key: 'httpsPort', source: 'THINCIM_HTTPS_PORT',
    message: /Kubernetes service link.*a Service named thincim-https.*enableServiceLinks: false/,
  }]);
});

// THINCIM_USER and THINCIM_PASSWORD are the client commands' credentials (README, "The client CLI"):
// set in a container's environment so that `docker exec … thincim health` needs no flags, they made
// `thincim serve` in the same container refuse to start.
t.test("the client commands' credential variables are not the server's configuration", async (t) => {
  const { config } = await load({ env: { THINCIM_USER: 'monitor', THINCIM_PASSWORD: 'Pa55-w0rd' } });
  t.equal(config.users, '/srv/thincim-state/users', 'the users file stays the default');
  t.match(await problemsOf({ env: { THINCIM_USER: '/etc/thincim/users' } }), [{ key: 'THINCIM_USER', message: /did you mean THINCIM_USERS\?/ }],
    'a path in THINCIM_USER is a typo of THINCIM_USERS, still refused');
  const dir = t.testdir({ 'users.txt': '' });
  t.match(await problemsOf({ cwd: dir, env: { THINCIM_USER: 'users.txt' } }), [{ key: 'THINCIM_USER', message: /did you mean THINCIM_USERS\?/ }],
    'so is a relative path naming a file');
  const checkout = t.testdir({ thincim: {} });
  await t.resolves(load({ cwd: checkout, env: { THINCIM_USER: 'thincim' } }), 'a user name that is also a folder here is the user name');
  t.match(await problemsOf({ env: { THINCIM_USER: 'users file' } }), [{ key: 'THINCIM_USER', message: /did you mean THINCIM_USERS\?/ }],
    'and a value that is no user name');
});

t.test('each error names the key and the source', async (t) => {
  const dir = t.testdir();
  const file = writeFile(dir, 'bad.yaml', [
    'httpPort: 70000',      // line 1: out of range
    'tls:',
    '  minVersion: TLSv1.0', // line 3: not allowed
    '  crt: x.pem',          // line 4: unknown key in a section
    'limits:',
    '  bodyBytes: lots',     // line 6: bad type
    'colour: blue',          // line 7: unknown top-level key
  ].join('\n'));
  const problems = await problemsOf({ argv: ['--config', file] });
  const byKey = new Map(problems.map((p) => [p.key, p]));
  t.match(byKey.get('httpPort'), { source: file, line: 1, message: /at most 65535 \(got 70000\)/ });
  t.match(byKey.get('tls.minVersion'), { source: file, line: 3, message: /one of TLSv1\.2, TLSv1\.3/ });
  t.match(byKey.get('tls.crt'), { source: file, line: 4, message: /unknown key \(did you mean tls\.cert\?\)/ });
  t.match(byKey.get('limits.bodyBytes'), { source: file, line: 6, message: /must be an integer/ });
  t.match(byKey.get('colour'), { source: file, line: 7, message: /unknown key/ });
  t.equal(problems.length, 5, 'every problem at once');

  t.match(await problemsOf({ env: { THINCIM_FOO: '1' } }), [{ key: 'THINCIM_FOO', source: 'THINCIM_FOO', message: /unknown environment variable/ }]);
  t.match(await problemsOf({ env: { THINCIM_HTTPS_PROT: '1' } }), [{ message: /did you mean THINCIM_HTTPS_PORT\?/ }]);
  t.match(await problemsOf({ env: { THINCIM_HTTPS_PORT: '-1' } }), [{ key: 'httpsPort', source: 'THINCIM_HTTPS_PORT', message: /at least 0/ }]);
  t.match(await problemsOf({ env: { THINCIM_METRICS: 'maybe' } }), [{ key: 'metrics', source: 'THINCIM_METRICS', message: /must be a boolean/ }]);
  t.match(await problemsOf({ argv: ['--http-port', '80x'] }), [{ key: 'httpPort', source: '--http-port', message: /must be an integer \(got "80x"\)/ }]);
  t.match(await problemsOf({ argv: ['--htps-port', '1'] }), [
    { key: '--htps-port', source: '--htps-port', message: /unknown flag \(did you mean --https-port\?\)/ },
    { key: '1', message: /unexpected argument/ },
  ]);
  t.match(await problemsOf({ argv: ['--tls-cert'] }), [{ source: '--tls-cert', message: /needs a value/ }]);
  t.match(await problemsOf({ argv: ['--tls-cert', '--http-open'] }), [{ source: '--tls-cert', message: /needs a value/ }]);
  t.match(await problemsOf({ argv: ['--metrics=no'] }), [{ source: '--metrics', message: /takes no value/ }]);
  t.match(await problemsOf({ argv: ['--auth', 'digest'] }), [{ key: 'auth', source: '--auth', message: /one of basic, none/ }]);
  t.match(await problemsOf({ argv: ['--providers', ''] }), [{ key: 'providers', source: '--providers', message: /at least 1/ }]);
  t.match(await problemsOf({ argv: ['--tls-client-cert-users', 'not json'] }), [{ key: 'tls.clientCertUsers', message: /must be a mapping/ }]);
  t.same(await problemsOf({ env: { THINCIM_PROVIDER_OPTIONS: '{acme: {file: /x}}' } }), [{
    key: 'providerOptions', source: 'THINCIM_PROVIDER_OPTIONS',
    message: 'must be a mapping: in a variable or flag, a JSON object (names in double quotes, e.g. {"acme": {"file": "/x"}}) (got "{acme: {file: /x}}")',
  }], 'JSON that does not parse: how to write it');
  t.match(await problemsOf({ argv: ['--ipmi-interface', 'LAN PLUS'] }), [{ key: 'ipmi.interface', message: /must match/ }]);
});

t.test('file errors: unreadable, syntax, duplicate keys, wrong shape', async (t) => {
  const dir = t.testdir({ folder: {} });
  const missing = join(dir, 'missing.yaml');
  t.match(await problemsOf({ argv: ['--config', missing] }), [{ key: '(file)', source: missing, message: /cannot read: ENOENT/ }]);
  t.match(await problemsOf({ argv: ['--config', join(dir, 'folder')] }), [{ message: /not a regular file/ }]);
  const syntax = writeFile(dir, 's.yaml', 'a: [1, 2\n');
  t.match(await problemsOf({ argv: ['--config', syntax] }), [{ source: syntax, line: Number }]);
  const dup = writeFile(dir, 'd.yaml', 'httpPort: 1\nhttpPort: 2\n');
  t.match(await problemsOf({ argv: ['--config', dup] }), [{ source: dup, line: 2, message: /DUPLICATE_KEY/ }]);
  const json = writeFile(dir, 'j.json', '{"httpPort": 1,}');
  t.match(await problemsOf({ argv: ['--config', json] }), [{ source: json, message: /not valid JSON/ }]);
  const list = writeFile(dir, 'l.yaml', '- a\n- b\n');
  t.match(await problemsOf({ argv: ['--config', list] }), [{ message: /must be a mapping/ }]);
  const section = writeFile(dir, 'sec.yaml', 'limits: 5\n');
  t.match(await problemsOf({ argv: ['--config', section] }), [{ key: 'limits', message: /must be a mapping/ }]);
  const big = writeFile(dir, 'big.yaml', `# ${'x'.repeat(200)}\n`);
  t.match(await problemsOf({ argv: ['--config', big], maxFileBytes: 100 }), [{ message: /larger than 100 bytes/ }]);
  const bomb = writeFile(dir, 'bomb.yaml', ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n'));
  t.match(await problemsOf({ argv: ['--config', bomb] }), [{ source: bomb, message: /alias/i }], 'alias expansion is bounded');
});

t.test('rules across keys', async (t) => {
  t.match(await problemsOf({ argv: ['--http-port', '0', '--https-port', '0'] }), [{ key: 'httpsPort', message: /no listener/ }]);
  t.match(await problemsOf({ argv: ['--http-port', '6000', '--https-port', '6000'] }), [{ key: 'httpPort', message: /differ/ }]);
  t.match(await problemsOf({ argv: ['--tls-cert', '/c.pem'] }), [{ key: 'tls.cert', source: '--tls-cert', message: /together/ }]);
  t.match(await problemsOf({ env: { THINCIM_TLS_KEY: '/k.pem' } }), [{ key: 'tls.key', source: 'THINCIM_TLS_KEY', message: /together/ }]);
  t.match(await problemsOf({ argv: ['--tls-client-cert-users', '{"a":"b"}'] }), [{ key: 'tls.clientCertUsers', source: '--tls-client-cert-users', message: /needs tls\.ca/ }]);
  t.match(await problemsOf({ env: { THINCIM_IPMI_PASSWORD: 'pw' }, argv: ['--ipmi-password-file', '/p'] }), [{ key: 'ipmi.password', message: /not both/ }]);
  t.match(await problemsOf({ argv: ['--limits-enumeration-timeout-sec', '700'] }), [{ key: 'limits.enumerationTimeoutSec', message: /enumerationTimeoutMaxSec \(600\)/ }]);
  t.equal((await load({ argv: ['--http-port', '0'] })).config.httpPort, 0, 'one listener is enough');
});

t.test('limits.enumerationContextsAnonymous: 128 by default, set by variable or flag, 0 refused with the key named', async (t) => {
  t.equal((await load({})).config.limits.enumerationContextsAnonymous, 128);
  t.equal((await load({ env: { THINCIM_LIMITS_ENUMERATION_CONTEXTS_ANONYMOUS: '64' } })).config.limits.enumerationContextsAnonymous, 64);
  t.equal((await load({ argv: ['--limits-enumeration-contexts-anonymous', '8'] })).config.limits.enumerationContextsAnonymous, 8);
  t.match(await problemsOf({ argv: ['--limits-enumeration-contexts-anonymous', '0'] }),
    [{ key: 'limits.enumerationContextsAnonymous', source: '--limits-enumeration-contexts-anonymous', message: /at least 1/ }]);
});

t.test('command flags and positionals of the calling command', async (t) => {
  const { command, config } = await load({
    argv: ['--role', 'admin', 'bob', '--http-port', '1', '--tag', 'a', '--tag', 'b'],
    command: { options: { role: { type: 'string' }, tag: { type: 'string', multiple: true } }, positionals: true },
  });
  t.same(command, { values: { role: 'admin', tag: ['a', 'b'] }, positionals: ['bob'] });
  t.equal(config.httpPort, 1);
  await t.rejects(load({ command: { options: { 'http-port': { type: 'string' } } } }), /clashes/);
});

t.test('secrets: masked, never in messages, no flag', async (t) => {
  const secret = 'hunter2-very-secret';
  const { config } = await load({ env: { THINCIM_IPMI_PASSWORD: secret }, argv: [] });
  t.equal(config.ipmi.password, secret, 'the loaded value is the real one');
  const masked = maskSecrets({ ...config, providerOptions: { acme: { apiKey: 'k1', nested: { password: 'p1', port: 3 }, list: [{ token: 't' }] } } });
  t.equal(masked.ipmi.password, MASK);
  t.same(masked.providerOptions, { acme: { apiKey: MASK, nested: { password: MASK, port: 3 }, list: [{ token: MASK }] } });
  t.equal(config.ipmi.password, secret, 'masking copies');
  t.notOk(JSON.stringify(masked).includes(secret));
  t.equal(maskSecrets((await load()).config).ipmi.password, undefined, 'an unset secret stays unset');

  const dir = t.testdir();
  const file = writeFile(dir, 's.yaml', `ipmi:\n  password: ${'x'.repeat(300)}\n  pasword: ${secret}\n`);
  const err = await load({ argv: ['--config', file] }).catch((e: unknown) => e);
  t.type(err, ConfigError);
  t.match((err as ConfigError).problems.map((p) => p.key).sort(), ['ipmi.password', 'ipmi.pasword']);
  t.notOk((err as Error).message.includes(secret), 'unknown key values are not echoed');
  t.notOk((err as Error).message.includes('xxxxxxxxxx'), 'secret values are not echoed');

  const flag = await load({ argv: [`--ipmi-password=${secret}`] }).catch((e: unknown) => e);
  t.match((flag as ConfigError).problems, [{ source: '--ipmi-password', message: /unknown flag/ }], 'no flag: argv is public');
  t.notOk((flag as Error).message.includes(secret));

  const syntax = writeFile(dir, 'syntax.yaml', `ipmi:\n  password: "${secret}\n`);
  const parse = await load({ argv: ['--config', syntax] }).catch((e: unknown) => e);
  t.type(parse, ConfigError);
  t.notOk((parse as Error).message.includes(secret), 'syntax errors do not quote the file');
});
