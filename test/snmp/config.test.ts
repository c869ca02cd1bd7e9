/**
 * SNMP targets as an operator configures them: flags, variables and the
 * file; the rules across keys; secrets from files and variables, masked by
 * `config --print` and never echoed; and `thincim serve` sending a real
 * fan stop to snmptrapd.
 */
import { getCiphers } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { ConfigError, loadConfig, maskSecrets } from '../../src/config/index.js';
import { resolveTargets, SnmpTargetError } from '../../src/snmp/index.js';
import { freePort, runThincim, spawnThincim, stop } from '../helpers/process.js';
import { oidOf, startSnmptrapd } from '../helpers/snmptrapd.js';

const load = (argv: string[], env: Record<string, string> = {}) => loadConfig({ argv, env: { THINCIM_STATE_DIR: '/s', ...env }, cwd: '/' });

async function problems(argv: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    await load(argv, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the configuration loaded');
}

const dir = await mkdtemp(join(tmpdir(), 'thincim-snmp-config-'));
t.teardown(() => rm(dir, { recursive: true }));

t.test('--snmp-target (comma-separated, repeatable) and --snmp-community; none by default', async (t) => {
  t.same((await load([])).config.snmp.targets, []);
  const { config } = await load(['--snmp-target', 'udp:127.0.0.1:162, udp:[::1]:1162', '--snmp-target', 'udp:nms.example:9162', '--snmp-community', 'c0mmunity']);
  t.same(config.snmp.targets, [{ address: 'udp:127.0.0.1:162' }, { address: 'udp:[::1]:1162' }, { address: 'udp:nms.example:9162' }]);
  t.equal(config.snmp.community, 'c0mmunity');
  t.equal(maskSecrets(config).snmp.community, '********');
  const targets = resolveTargets(config.snmp, {});
  t.match(targets, [
    { host: '127.0.0.1', port: 162, transport: 'udp4', version: '2c', community: 'c0mmunity', notification: 'trap' },
    { host: '::1', port: 1162, transport: 'udp6' },
    { host: 'nms.example', port: 9162, transport: 'udp4' },
  ]);
});

t.test('THINCIM_SNMP_TARGETS: a JSON list of targets; secrets masked, from files and variables', async (t) => {
  const keyFile = join(dir, 'priv.key');
  await writeFile(keyFile, 'file-priv-key\n');
  const targets = [
    { address: 'udp:10.0.0.1:162', notification: 'inform', user: 'ops', authProtocol: 'sha512', authKeyEnv: 'NMS_AUTH', privProtocol: 'aes256b', privKeyFile: keyFile },
    { address: 'udp:10.0.0.2:162', community: 'inline-community' },
  ];
  const { config } = await load([], { THINCIM_SNMP_TARGETS: JSON.stringify(targets) });
  t.match(maskSecrets(config).snmp.targets, [{ user: 'ops', authKeyEnv: 'NMS_AUTH', privKeyFile: keyFile }, { community: '********' }]);
  t.match(resolveTargets(config.snmp, { NMS_AUTH: 'env-auth-key' }), [
    { version: '3', notification: 'inform', user: 'ops', authProtocol: 'sha512', authKey: 'env-auth-key', privProtocol: 'aes256b', privKey: 'file-priv-key', retries: 3, timeoutMs: 5000 },
    { version: '2c', community: 'inline-community' },
  ]);
  t.throws(() => resolveTargets(config.snmp, {}), new SnmpTargetError('SNMP target udp:10.0.0.1:162: the variable NMS_AUTH (authKeyEnv) is not set'));
  const missing = { ...config.snmp, targets: [{ ...targets[0]!, privKeyFile: join(dir, 'absent') }] as typeof config.snmp.targets };
  t.throws(() => resolveTargets(missing, { NMS_AUTH: 'env-auth-key' }), { code: 'THINCIM_SNMP_TARGET', message: /cannot read privKeyFile .*absent: ENOENT/ });
  t.throws(() => resolveTargets(config.snmp, { NMS_AUTH: 'short' }), { message: 'SNMP target udp:10.0.0.1:162: the authKey must have at least 8 characters' });
});

t.test('what does not go together is refused, naming the target, never echoing a secret', async (t) => {
  const targets = [
    { address: 'udp:h:162' },
    { address: 'udp:h:70000', community: 'x' },
    { address: 'udp:h:162', community: 'secret-community', user: 'u' , version: '2c' },
    { address: 'udp:h:162', user: 'u', authKey: 'secret-auth-key', authKeyEnv: 'A' },
    { address: 'h:162', community: 'x' },
    { address: 'udp:h:162', user: 'u', authKey: 'short', privKey: 'secret-priv-key', cummunity: 'x' },
  ];
  const message = await problems([], { THINCIM_SNMP_TARGETS: JSON.stringify(targets) });
  t.match(message, 'snmp.targets.4.address: must match');
  t.match(message, 'snmp.targets.5.authKey: must have at least 8 characters');
  t.match(message, 'snmp.targets.5.cummunity: unknown key');
  t.notMatch(message, /secret-|short/, 'no secret in the message');
  const rules = await problems([], { THINCIM_SNMP_TARGETS: JSON.stringify(targets.slice(0, 4)) });
  t.match(rules, 'snmp.targets.0: udp:h:162: needs a community: its own, or snmp.community (--snmp-community)');
  t.match(rules, 'snmp.targets.1: udp:h:70000: the port must be 1–65535');
  t.match(rules, "snmp.targets.2: udp:h:162: user belong to SNMPv3 (set version: '3')");
  t.match(rules, 'snmp.targets.3: udp:h:162: give one of authKey, authKeyEnv');
  t.match(rules, 'snmp.targets.3: udp:h:162: SNMPv3 needs a privacy key (privKey, privKeyFile or privKeyEnv): thincim sends authPriv only');
  t.notMatch(rules, /secret-/);
  const des = await problems([], { THINCIM_SNMP_TARGETS: JSON.stringify([{ address: 'udp:h:162', user: 'u', authKey: 'secret-auth-key', privProtocol: 'des', privKey: 'secret-priv-key' }]) });
  const refusal = 'snmp.targets.0: udp:h:162: privProtocol des needs DES-CBC, which this Node.js\'s OpenSSL does not offer without --openssl-legacy-provider; use aes';
  // Node.js 20 links OpenSSL 3, whose DES is in the legacy provider: refused at start rather than failing every notification.
  if (getCiphers().includes('des-cbc')) t.notMatch(des, refusal, 'DES offered (--openssl-legacy-provider): accepted');
  else t.match(des, refusal);
  t.match(await problems([], { THINCIM_SNMP_TARGETS: '[{"address":"udp:h:162","communityEnv":"THINCIM_COMMUNITY"}]' }),
    'snmp.targets.0: udp:h:162: communityEnv: THINCIM_* variables are configuration keys');
  t.match(await problems(['--snmp-target', 'nms:162']), 'snmp.targets.0.address: must match');
  t.match(await problems(['--snmp-community', 'c', '--snmp-engine-id', 'xyz']), 'snmp.engineId: must match');
  for (const reserved of ['0000000000', '0xFFFFFFFFFFFF']) {
    t.match(await problems(['--snmp-community', 'c', '--snmp-engine-id', reserved]), 'snmp.engineId: an engine ID of all 00 or all ff octets is reserved (RFC 3411 SnmpEngineID)', reserved);
  }
  await t.resolves(load(['--snmp-community', 'c', '--snmp-engine-id', '0x80007ed90400ff'], {}), 'zeros and ff among other octets are fine');
});

t.test('SNMPv1 targets: version 1 (a number, as YAML writes it, or text), the community, agentAddress; no informs', async (t) => {
  const configFile = join(dir, 'v1.yaml');
  await writeFile(configFile, [
    'stateDir: /s',
    'snmp:',
    '  community: shared',
    '  targets:',
    '    - address: udp:nms-old.example:162',
    '      version: 1',
    '      agentAddress: 192.0.2.7',
    '    - address: udp:10.0.0.9:162',
    '      version: "1"',
    '      community: own',
    '    - address: udp:10.0.0.10:162',
    '      version: 3',
    '      user: u',
    '      authKey: auth-key-1',
    '      privKey: priv-key-1',
    '',
  ].join('\n'));
  const { config } = await load(['--config', configFile]);
  t.match(resolveTargets(config.snmp, {}), [
    { host: 'nms-old.example', version: '1', notification: 'trap', community: 'shared', agentAddress: '192.0.2.7' },
    { host: '10.0.0.9', version: '1', notification: 'trap', community: 'own', agentAddress: undefined },
    { host: '10.0.0.10', version: '3', user: 'u' },
  ]);

  const wrong = [
    { address: 'udp:h:162', version: 1, community: 'c', notification: 'inform' },
    { address: 'udp:h:162', version: '2c', community: 'c', agentAddress: '192.0.2.7' },
    { address: 'udp:h:162', version: 1, community: 'c', agentAddress: '2001:db8::7' },
    { address: 'udp:h:162', version: 1, user: 'u', authKey: 'secret-auth-key' },
    { address: 'udp:h:162', version: 1 },
  ];
  const rules = await problems([], { THINCIM_SNMP_TARGETS: JSON.stringify(wrong) });
  t.match(rules, 'snmp.targets.0.notification: udp:h:162: SNMPv1 has no informs, only traps (RFC 1157); use notification: trap, or version 2c or 3 for informs');
  t.match(rules, "snmp.targets.1.agentAddress: udp:h:162: belongs to SNMPv1 (the Trap-PDU's agent-addr; set version: 1)");
  t.match(rules, "snmp.targets.2.agentAddress: udp:h:162: must be an IPv4 address (a.b.c.d): the Trap-PDU's agent-addr has four octets");
  t.match(rules, "snmp.targets.3: udp:h:162: user, authKey belong to SNMPv3 (set version: '3')");
  t.match(rules, 'snmp.targets.4: udp:h:162: needs a community: its own, or snmp.community (--snmp-community)');
  t.notMatch(rules, /secret-/);
  t.match(await problems([], { THINCIM_SNMP_TARGETS: '[{"address":"udp:h:162","community":"c","version":2}]' }),
    /snmp\.targets\.0\.version: must be one of 1, 2c, 3 \(/, 'each version named once');
});

// The flag takes what the variable takes: a JSON list of target objects gives every key a file gives (version 1 here),
// beside plain addresses in other occurrences; the rules and the masking are the same as for the file's targets.
t.test('--snmp-target: a JSON list of targets, as THINCIM_SNMP_TARGETS takes, gives SNMPv1 targets', async (t) => {
  const v1 = JSON.stringify([{ address: 'udp:nms-old.example:162', version: 1, agentAddress: '192.0.2.7' }, { address: 'udp:10.0.0.9:162', version: '1', community: 'flag-community' }]);
  const { config } = await load(['--snmp-target', 'udp:10.0.0.8:162', '--snmp-target', ` ${v1} `, '--snmp-community', 'shared']);
  t.equal(resolveTargets(config.snmp, {}).length, 3, 'three targets, no other');
  t.match(resolveTargets(config.snmp, {}), [
    { host: '10.0.0.8', version: '2c', community: 'shared' },
    { host: 'nms-old.example', version: '1', notification: 'trap', community: 'shared', agentAddress: '192.0.2.7' },
    { host: '10.0.0.9', version: '1', notification: 'trap', community: 'flag-community' },
  ]);
  t.equal(maskSecrets(config).snmp.targets[2]?.community, '********', 'a community given in the flag is masked as any other');
  const inform = await problems(['--snmp-target', '[{"address":"udp:h:162","version":1,"community":"c","notification":"inform"}]']);
  t.match(inform, 'snmp.targets.0.notification: udp:h:162: SNMPv1 has no informs', 'the rules across keys apply to the flag\'s targets');
  t.match(await problems(['--snmp-target', '[{"address":"udp:h:162","version":1,']), 'snmp.targets: must be a list (--snmp-target)', 'a list that does not parse is reported, not taken for addresses');
});

t.test('thincim config --print masks every SNMP secret', async (t) => {
  const configFile = join(dir, 'thincim.yaml');
  await writeFile(configFile, stringify({
    stateDir: join(dir, 'state'),
    snmp: { community: 'file-community', targets: [{ address: 'udp:127.0.0.1:162', user: 'u', authKey: 'file-auth-key', privKey: 'file-priv-key' }] },
  }));
  const run = await runThincim(['config', '--print', '--config', configFile]);
  t.equal(run.code, 0, run.stderr);
  t.notMatch(run.stdout, /file-(community|auth-key|priv-key)/);
  t.match(run.stdout, /authKey: "?\*{8}/);
});

t.test('thincim serve: a fan stop on the simulated host arrives at snmptrapd as a v2c trap', async (t) => {
  const receiver = await startSnmptrapd(['authCommunity log s3cret']);
  t.teardown(() => receiver.stop());
  const scenario = JSON.parse(await readFile(new URL('../../providers/simulated/default-scenario.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const scenarioFile = join(dir, 'fan-stop.json');
  // The fan stops 2 s into every 4 s loop: whenever the server finishes starting, a stop comes next.
  await writeFile(scenarioFile, JSON.stringify({ ...scenario, timeline: { loopSeconds: 4, events: [{ at: 2, sensor: 'fan3-speed', value: 0 }] } }));
  const configFile = join(dir, 'serve.yaml');
  await writeFile(configFile, stringify({
    stateDir: join(dir, 'serve-state'), host: '127.0.0.1', httpPort: await freePort(), httpsPort: 0, providers: ['simulated'],
    simulated: { scenario: scenarioFile, interval: 0.5 }, log: { level: 'info', pretty: false },
  }));
  const serve = spawnThincim(['serve', '--config', configFile, '--snmp-target', receiver.address, '--snmp-community', 's3cret']);
  t.teardown(() => stop(serve));
  await serve.waitForLog((l) => l.msg === `SNMP traps to ${receiver.address}`, 'the target');
  const crossing = (x: { values: Map<string, string> }) => x.values.get('1.3.6.1.6.3.1.1.4.1.0') === `.${oidOf('thincimThresholdCrossed')}`;
  const all = await receiver.waitFor((r) => r.filter(crossing).length >= 2, 'both threshold crossings');
  const [first, second] = all.filter(crossing);
  t.equal(first!.security, 'TRAP2, SNMP v2c, community s3cret');
  t.equal(first!.values.get(`${oidOf('thincimElementName')}.0`), 'Fan 3 Speed');
  t.same([first, second].map((trap) => trap!.values.get(`${oidOf('thincimThresholdName')}.0`)), ['LowerThresholdNonCritical', 'LowerThresholdCritical'],
    'a stop passes both lower thresholds, the milder first');
  t.notMatch(serve.stdout(), 's3cret', 'the community is not logged');
});

t.test('thincim serve: a secret file that cannot be read stops the start in one line, before any port opens', async (t) => {
  const configFile = join(dir, 'bad.yaml');
  await writeFile(configFile, stringify({
    stateDir: join(dir, 'bad-state'), host: '127.0.0.1', httpPort: await freePort(), httpsPort: 0, providers: ['simulated'], log: { level: 'info', pretty: false },
    snmp: { targets: [{ address: 'udp:127.0.0.1:162', communityFile: join(dir, 'no-such-file') }] },
  }));
  const run = await runThincim(['serve', '--config', configFile]);
  t.equal(run.code, 1);
  t.match(run.stdout, /not starting: SNMP target udp:127.0.0.1:162: cannot read communityFile .*no-such-file: ENOENT/);
  t.notMatch(run.stdout, /Server listening|listening on/, 'stopped before any port opened');
});

t.test('without a target nothing of SNMP loads: only serve imports src/snmp, and only dynamically', async (t) => {
  const { readdir } = await import('node:fs/promises');
  const src = new URL('../../src/', import.meta.url);
  const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.startsWith('snmp/'));
  const staticImports: string[] = [];
  const dynamicImports: string[] = [];
  for (const file of files) {
    const text = await readFile(new URL(file, src), 'utf8');
    if (/from\s+['"](net-snmp|(\.\.?\/)+snmp\/[^'"]*)['"]/.test(text)) staticImports.push(file);
    if (/import\(\s*['"](net-snmp|(\.\.?\/)+snmp\/[^'"]*)['"]\s*\)/.test(text)) dynamicImports.push(file);
  }
  t.same(staticImports, []);
  t.same(dynamicImports, ['cli/serve.ts']);
});
