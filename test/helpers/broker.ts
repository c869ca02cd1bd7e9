/**
 * Test harness: a real broker on a real loopback socket, and a raw CIM-XML
 * client that writes requests by hand (so protocol tests do not depend on
 * the project's own encoder) and decodes answers with decodeResponse.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { pino } from 'pino';
import { CIMInstance, CIMInstanceName, NocaseMap, cimProperty, type CIMError, type CIMProperty } from '../../src/cim/index.js';
import { decodeResponse, type CIMResponse, type ReturnItem } from '../../src/cimxml/index.js';
import { loadProviders } from '../../src/providers/index.js';
import { loadRepository, type Repository } from '../../src/repository/index.js';
import { startBroker, type Broker, type BrokerOptions } from '../../src/server/broker.js';

let repository: Promise<Repository> | undefined;

/** The project's schema, compiled once per test process. */
export function projectRepository(): Promise<Repository> {
  repository ??= loadRepository({ cacheDir: false });
  return repository;
}

export const TEST_LIMITS: BrokerOptions['limits'] = {
  headerBytes: 16 * 1024,
  connections: 64,
  concurrentOperations: 64,
  bodyBytes: 1024 * 1024,
  requestTimeoutMs: 5000,
  maxInstancesPerResponse: 100_000,
  maxObjectCount: 1000,
  enumerationContexts: 16,
  enumerationContextsPerUser: 16,
  enumerationContextsAnonymous: 16,
  enumerationTimeoutSec: 30,
  enumerationTimeoutMaxSec: 300,
  connectionsPerAddress: 64,
  handshakeTimeoutMs: 5000,
  firstRequestTimeoutMs: 10_000,
  xmlDepth: 64,
  xmlAttributes: 64,
  xmlElements: 50_000,
  xmlElementsPerKib: 64,
  queryDepth: 64,
};

export interface TestBroker {
  broker: Broker;
  url: string;
  /** Every published instance that did not validate against its class (`path: problem; …`). */
  invalid: string[];
  close(): Promise<void>;
}

/** Starts a broker serving the simulated host (or `providers`) on 127.0.0.1 with a free port. */
export async function startTestBroker(options: Partial<BrokerOptions> & { simulated?: Record<string, unknown> } = {}): Promise<TestBroker> {
  const invalid: string[] = [];
  const broker = await startBroker({
    onInvalidInstance: (namespace, path, problems) => invalid.push(`${namespace}:${path}: ${problems.map((p) => p.message).join('; ')}`),
    repository: await projectRepository(),
    providers: await loadProviders({ providers: ['simulated'], options: { simulated: { startTime: 0, clock: () => 0, ...options.simulated } } }),
    listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0, requireAuth: false }],
    limits: TEST_LIMITS,
    logger: pino({ level: 'silent' }),
    hostname: 'testhost',
    ...options,
  });
  await broker.manager.refresh();
  return {
    broker, url: broker.urls[0]!, invalid,
    async close() {
      await broker.close();
      // The model and the providers must never publish an instance its class rejects.
      if (invalid.length) throw new Error(`invalid instances were published:\n${invalid.join('\n')}`);
    },
  };
}

/**
 * A broker without providers whose generation holds 300 copies of `template`'s
 * first fan, the last with `healthState` (text where an integer belongs) as
 * its HealthState: published instances are validated, so no real answer fails
 * midway, but an EnumerateInstances of CIM_Fan given this one streams its
 * first fans and then fails.
 */
export async function startBrokerFailingMidStream(template: TestBroker, healthState: string): Promise<TestBroker> {
  const fan = template.broker.state.index.byClass('root/cimv2', 'OMC_Fan')[0]!;
  const own = await startTestBroker({ providers: await loadProviders({ providers: [] }) });
  own.broker.state.publish(Array.from({ length: 300 }, (_, i) => {
    const properties = new NocaseMap<CIMProperty>(fan.properties);
    properties.set('DeviceID', cimProperty('DeviceID', 'string', `fan${i}`));
    if (i === 299) properties.set('HealthState', cimProperty('HealthState', 'uint16', healthState as unknown as number));
    const path = new CIMInstanceName({ classname: fan.classname, keybindings: { ...Object.fromEntries(fan.path!.keybindings), DeviceID: `fan${i}` } });
    return { namespace: 'root/cimv2', instance: new CIMInstance({ classname: fan.classname, properties, path }) };
  }));
  return own;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  trailers: NodeJS.Dict<string>;
  text: string;
}

/** POSTs a body with exactly the given headers (no defaults but Host and Content-Length). */
export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, path = '/cimom', method = 'POST'): Promise<RawResponse> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, trailers: res.trailers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function cimHeaders(method: string, object: string): Record<string, string> {
  return {
    'Content-Type': 'application/xml; charset="utf-8"',
    CIMOperation: 'MethodCall',
    CIMMethod: method,
    CIMObject: encodeURIComponent(object),
  };
}

const namespaceXml = (ns: string) => `<LOCALNAMESPACEPATH>${ns.split('/').map((n) => `<NAMESPACE NAME="${n}"/>`).join('')}</LOCALNAMESPACEPATH>`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>';

/** The body of an intrinsic call with hand-written IPARAMVALUE XML (`declaration`: what precedes CIM, as a client writes it). */
export function imethodBody(name: string, namespace: string, params = '', id = '1001', declaration = XML_DECLARATION): string {
  return `${declaration}<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${id}" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<IMETHODCALL NAME="${name}">${namespaceXml(namespace)}${params}</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>`;
}

/** An INSTANCENAME with string keys. */
export function instanceNameXml(classname: string, keys: Record<string, string>): string {
  const bindings = Object.entries(keys)
    .map(([k, v]) => `<KEYBINDING NAME="${k}"><KEYVALUE VALUETYPE="string" TYPE="string">${v}</KEYVALUE></KEYBINDING>`).join('');
  return `<INSTANCENAME CLASSNAME="${classname}">${bindings}</INSTANCENAME>`;
}

/** The body of an extrinsic call on an instance (string keys) with hand-written PARAMVALUE XML. */
export function methodBody(name: string, namespace: string, classname: string, keys: Record<string, string>, params = '', id = '1001'): string {
  return `<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${id}" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<METHODCALL NAME="${name}"><LOCALINSTANCEPATH>${namespaceXml(namespace)}${instanceNameXml(classname, keys)}</LOCALINSTANCEPATH>${params}` +
    '</METHODCALL></SIMPLEREQ></MESSAGE></CIM>';
}

/** The CIMObject header of an extrinsic call on an instance (DSP0207 untyped form, before escaping). */
export function methodObject(namespace: string, classname: string, keys: Record<string, string>): string {
  return `${namespace}:${classname}.${Object.entries(keys).map(([k, v]) => `${k}="${v.replace(/["\\]/g, '\\$&')}"`).join(',')}`;
}

/** Sends an intrinsic call and decodes the answer (HTTP 200 expected). */
export async function imethod(url: string, name: string, namespace: string, params = ''): Promise<CIMResponse & { raw: RawResponse }> {
  const raw = await post(url, imethodBody(name, namespace, params), cimHeaders(name, namespace));
  if (raw.status !== 200) throw new Error(`HTTP ${raw.status} ${raw.headers['cimerror'] ?? ''}: ${raw.text}`);
  return { ...decodeResponse(raw.text), raw };
}

/** IPARAMVALUE helpers. */
export const p = {
  className: (name: string, value: string) => `<IPARAMVALUE NAME="${name}"><CLASSNAME NAME="${value}"/></IPARAMVALUE>`,
  value: (name: string, value: string | number | boolean) =>
    `<IPARAMVALUE NAME="${name}"><VALUE>${typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value}</VALUE></IPARAMVALUE>`,
  array: (name: string, values: string[]) => `<IPARAMVALUE NAME="${name}"><VALUE.ARRAY>${values.map((v) => `<VALUE>${v}</VALUE>`).join('')}</VALUE.ARRAY></IPARAMVALUE>`,
  instanceName: (name: string, classname: string, keys: Record<string, string>) =>
    `<IPARAMVALUE NAME="${name}">${instanceNameXml(classname, keys)}</IPARAMVALUE>`,
  null: (name: string) => `<IPARAMVALUE NAME="${name}"/>`,
};

/** An IPARAMVALUE with hand-written content (reference keys, odd forms). */
export const iparam = (name: string, content: string) => `<IPARAMVALUE NAME="${name}">${content}</IPARAMVALUE>`;

/** A LOCALINSTANCEPATH with string keys: the form of a cross-namespace reference key. */
export function localInstancePathXml(namespace: string, classname: string, keys: Record<string, string>): string {
  return `<LOCALINSTANCEPATH>${namespaceXml(namespace)}${instanceNameXml(classname, keys)}</LOCALINSTANCEPATH>`;
}

/** The body of an extrinsic call on a class (a static method). */
export function classMethodBody(name: string, namespace: string, classname: string, params = '', id = '1001'): string {
  return `<?xml version="1.0" encoding="utf-8" ?><CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="${id}" PROTOCOLVERSION="1.0"><SIMPLEREQ>` +
    `<METHODCALL NAME="${name}"><LOCALCLASSPATH>${namespaceXml(namespace)}<CLASSNAME NAME="${classname}"/></LOCALCLASSPATH>${params}` +
    '</METHODCALL></SIMPLEREQ></MESSAGE></CIM>';
}

/** Sends an extrinsic call on an instance (string keys) and decodes the answer (HTTP 200 expected). */
export async function invoke(url: string, method: string, namespace: string, classname: string, keys: Record<string, string>,
  params = ''): Promise<CIMResponse & { raw: RawResponse }> {
  const raw = await post(url, methodBody(method, namespace, classname, keys, params), cimHeaders(method, methodObject(namespace, classname, keys)));
  if (raw.status !== 200) throw new Error(`HTTP ${raw.status} ${raw.headers['cimerror'] ?? ''}: ${raw.text}`);
  return { ...decodeResponse(raw.text), raw };
}

/** The IRETURNVALUE items of an intrinsic answer; throws on an ERROR, a METHODRESPONSE or a missing IRETURNVALUE. */
export function returned(response: CIMResponse): readonly ReturnItem[] {
  if (response.error) throw new Error(`${response.name} failed: ${response.error.toString()}`);
  if (response.kind !== 'imethodresponse' || response.returnValue === undefined) throw new Error(`${response.name} returned no IRETURNVALUE`);
  return response.returnValue;
}

/** The instances an intrinsic answer returned (with their paths when the wire had them). */
export function instancesIn(response: CIMResponse): CIMInstance[] {
  return returned(response).map((item) => {
    if (item.kind !== 'instance') throw new Error(`${response.name} returned a ${item.kind}, not an instance`);
    return item.instance;
  });
}

/** The instance paths an intrinsic answer returned (INSTANCENAME, INSTANCEPATH, OBJECTPATH). */
export function pathsIn(response: CIMResponse): CIMInstanceName[] {
  return returned(response).map((item) => {
    if (item.kind !== 'instancename') throw new Error(`${response.name} returned a ${item.kind}, not an instance path`);
    return item.path;
  });
}

/** The text of an output PARAMVALUE (pull operations); undefined when absent or NULL. */
export function outText(response: CIMResponse, name: string): string | undefined {
  const value = response.outParams.byName.get(name)?.value;
  if (value === undefined || value.kind === 'null') return undefined;
  if (value.kind !== 'value') throw new Error(`output parameter ${name} is a ${value.kind}`);
  return value.text;
}

/** Sends an intrinsic call that must fail with an ERROR; returns it. */
export async function imethodError(url: string, name: string, namespace: string, params = ''): Promise<CIMError> {
  const response = await imethod(url, name, namespace, params);
  if (!response.error) throw new Error(`${name} succeeded where an ERROR was expected`);
  return response.error;
}

/** Well-known objects of the simulated host as startTestBroker serves it (default scenario, host name 'testhost'). */
export const SIM = {
  host: 'testhost',
  system: { CreationClassName: 'Thincim_ComputerSystem', Name: 'testhost' },
  /** Keys of a logical device of the host, e.g. device('OMC_Fan', 'fan1'). */
  device: (classname: string, id: string) => ({
    SystemCreationClassName: 'Thincim_ComputerSystem', SystemName: 'testhost', CreationClassName: classname, DeviceID: `simulated:${id}`,
  }),
  /** Keys of a registered profile, e.g. profile('DSP1004') for Base Server. */
  profile: (dsp: string) => ({ InstanceID: `Thincim:${dsp}` }),
} as const;
