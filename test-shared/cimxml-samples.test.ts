/**
 * The CIM-XML codec over the real sfcb captures in ../shared/reference, and
 * what it writes validated against the DSP0203 2.4 DTD with xmllint.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CIMClass, CIMClassName, CIMDateTime, CIMInstance, CIMInstanceName, NocaseMap, cimProperty } from '../src/cim/index.js';
import type { CIMProperty } from '../src/cim/index.js';
import {
  ProtocolError, decodeRequest, decodeResponse, encodeClass, encodeError, encodeIMethodCall, encodeInstanceName,
  encodeInstanceWithPath, encodeMethodCall, encodeNamedInstance, encodeObjectPath, encodeObjectWithPath, encodeParamValue,
  encodeQualifierDeclaration, encodeReturnValue, imethodResponseEnd, imethodResponseStart, ireturnValueEnd,
  ireturnValueStart, messageEnd, messageStart, methodResponseEnd, methodResponseStart,
} from '../src/cimxml/index.js';
import type { CIMIMethodResponse, ReturnItem } from '../src/cimxml/index.js';

const REFERENCE = fileURLToPath(new URL('../../shared/reference/', import.meta.url));
const SAMPLES = join(REFERENCE, 'cim-xml-samples');
const DTD = join(REFERENCE, 'DSP0203_2.4.0.dtd');
if (!existsSync(SAMPLES) || !existsSync(DTD)) throw new Error(`the shared reference is missing: ${SAMPLES} and ${DTD} are needed`);

const files = readdirSync(SAMPLES);

/** The body of a raw HTTP response (`curl -i --raw`), chunked framing removed. */
function httpBody(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  let rest = raw.slice(split + 4);
  if (!/^transfer-encoding:\s*chunked/im.test(head)) return rest;
  let body = '';
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, line), 16);
    if (size === 0) return body;
    body += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

function response(name: string): CIMIMethodResponse {
  const decoded = decodeResponse(httpBody(readFileSync(join(SAMPLES, name), 'utf8')));
  if (decoded.kind !== 'imethodresponse') throw new Error(`${name}: expected an IMETHODRESPONSE`);
  return decoded;
}

function instances(items: readonly ReturnItem[] | undefined): CIMInstance[] {
  return (items ?? []).flatMap((item) => (item.kind === 'instance' ? [item.instance] : []));
}

t.test('every captured request decodes; the truncated one is not well-formed', async (t) => {
  const requests = files.filter((f) => f.endsWith('.request.xml'));
  t.ok(requests.length >= 10, `${requests.length} captured requests`);
  for (const file of requests) {
    const body = readFileSync(join(SAMPLES, file));
    if (file.startsWith('malformed')) {
      const fault = (() => {
        try {
          decodeRequest(body);
        } catch (err) {
          return err;
        }
      })();
      t.ok(fault instanceof ProtocolError && fault.cimError === 'request-not-well-formed' && fault.httpStatus === 400, file);
      continue;
    }
    const request = decodeRequest(body);
    t.ok(request.call.name.length > 0, `${file}: ${request.call.kind} ${request.call.name} in ${request.call.namespace}`);
  }
  const invoke = decodeRequest(readFileSync(join(SAMPLES, 'invokemethod_notsupported.request.xml'))).call;
  t.ok(invoke.kind === 'methodcall' && invoke.target instanceof CIMInstanceName && invoke.target.keybindings.get('DeviceID') === 'temp-00001');
});

t.test('every captured response decodes', async (t) => {
  const responses = files.filter((f) => f.endsWith('.response.http'));
  t.ok(responses.length >= 10, `${responses.length} captured responses`);
  for (const file of responses) t.ok(decodeResponse(httpBody(readFileSync(join(SAMPLES, file), 'utf8'))), file);

  const sensors = instances(response('enum_sensors_pl.response.http').returnValue);
  t.equal(sensors.length, 10);
  t.ok(sensors.every((s) => typeof s.get('CurrentReading') === 'number' && s.path?.keybindings.size === 4));
  t.same(instances(response('enum_sensors_chunked.response.http').returnValue).map((s) => s.get('CurrentReading')),
    [37, 44, 51, 58, 65, 32, 39, 46, 53, 60], 'the chunked capture');
  const names = response('enum_fan_names.response.http').returnValue ?? [];
  t.same(names.map((item) => item.kind === 'instancename' && item.path.keybindings.get('DeviceID')), ['fan-0001', 'fan-0002', 'fan-0003', 'fan-0004']);
  const [cls] = response('getclass.response.http').returnValue ?? [];
  t.ok(cls?.kind === 'class' && cls.cls.methods.get('RequestStateChange')?.parameters.get('Job')?.referenceClass === 'CIM_ConcreteJob');
  t.same(instances(response('interop_rp.response.http').returnValue).map((p) => [p.get('RegisteredName'), p.get('AdvertiseTypes')]),
    [['Profile Registration', [3]], ['Indications', [3]]]);
  for (const [file, code] of [['badns', 3], ['badclass', 5], ['getinst_notfound', 6], ['malformed', 1]] as const) {
    t.equal(response(`${file}.response.http`).error?.code, code, file);
  }
  const method = decodeResponse(httpBody(readFileSync(join(SAMPLES, 'invokemethod_notsupported.response.http'), 'utf8')));
  t.ok(method.kind === 'methodresponse' && method.error?.code === 7);
});

/** Checks `xml` against the DSP0203 2.4 DTD; returns xmllint's complaints. */
function dtdProblems(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cimxml-'));
  try {
    const file = join(dir, 'message.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', DTD, file], { stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function props(list: CIMProperty[]): NocaseMap<CIMProperty> {
  return new NocaseMap(list.map((p) => [p.name, p] as const));
}

t.test('what the encoder writes is valid against the DSP0203 2.4 DTD', async (t) => {
  t.equal(dtdProblems('<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLERSP></SIMPLERSP></MESSAGE></CIM>') === '', false,
    'xmllint does reject an invalid message');

  const captured = response('enum_sensors_pl.response.http');
  const reencoded = messageStart('42') + imethodResponseStart('EnumerateInstances') + ireturnValueStart() +
    instances(captured.returnValue).map((instance) => encodeNamedInstance(instance)).join('') + ireturnValueEnd() + imethodResponseEnd() + messageEnd();
  t.equal(dtdProblems(reencoded), '', 're-encoded sfcb sensors (KEYVALUE gains TYPE)');
  const again = decodeResponse(reencoded) as CIMIMethodResponse;
  t.same(instances(again.returnValue).map((s) => s.get('CurrentReading')), instances(captured.returnValue).map((s) => s.get('CurrentReading')), 'and reads back');

  const [capturedClass] = response('getclass.response.http').returnValue ?? [];
  if (capturedClass?.kind !== 'class') throw new Error('expected a class');
  const classResponse = messageStart('1') + imethodResponseStart('GetClass') + ireturnValueStart() + encodeClass(capturedClass.cls) +
    ireturnValueEnd() + imethodResponseEnd() + messageEnd();
  t.equal(dtdProblems(classResponse), '', 're-encoded sfcb class');

  const fan = new CIMInstanceName({ classname: 'OMC_Fan', namespace: 'root/cimv2', keybindings: [['CreationClassName', 'OMC_Fan'], ['DeviceID', 'fan-1']] });
  const profile = new CIMInstanceName({ classname: 'CIM_RegisteredProfile', namespace: 'root/interop', keybindings: { InstanceID: 'p' } });
  const error = new CIMInstance({ classname: 'CIM_Error', properties: props([cimProperty('Message', 'string', 'x')]) });
  const instance = new CIMInstance({
    classname: 'OMC_Fan', path: fan,
    properties: props([
      cimProperty('CreationClassName', 'string', 'OMC_Fan'), cimProperty('DeviceID', 'string', 'fan-1'),
      cimProperty('Speed', 'uint64', 18446744073709551615n), cimProperty('Null', 'uint16', null), cimProperty('Empty', 'string', []),
      cimProperty('Holes', 'real32', [1.5, null] as number[]), cimProperty('When', 'datetime', CIMDateTime.parse('20251126******.******+000')),
      cimProperty('Here', 'reference', fan), cimProperty('There', 'reference', profile), cimProperty('Error', 'string', error, { embeddedObject: 'instance' }),
    ]),
  });
  const everything = messageStart('2') + imethodResponseStart('Associators') + ireturnValueStart() +
    encodeObjectWithPath(instance, fan, 'esx01') +
    encodeObjectWithPath(new CIMClass({ classname: 'OMC_Fan' }), new CIMClassName({ classname: 'OMC_Fan', namespace: 'root/cimv2' }), 'esx01') +
    ireturnValueEnd() + imethodResponseEnd() + messageEnd();
  t.equal(dtdProblems(everything), '', 'VALUE.OBJECTWITHPATH of instances and classes');
  for (const [what, content] of [
    ['instance names', encodeInstanceName(fan) + encodeInstanceName(profile)],
    ['object paths', encodeObjectPath(fan, 'h') + encodeObjectPath(new CIMClassName({ classname: 'C', namespace: 'root/cimv2' }), 'h')],
    ['pull results', encodeInstanceWithPath(instance, 'h')],
    ['qualifier declarations', encodeQualifierDeclaration({ name: 'Key', type: 'boolean', isArray: false, value: false, scopes: new Set(['property', 'reference']), flavors: { overridable: false, tosubclass: true, toinstance: false, translatable: false } })],
  ] as const) {
    const xml = messageStart('3') + imethodResponseStart('Op') + ireturnValueStart() + content + ireturnValueEnd() +
      encodeParamValue('EndOfSequence', true, 'boolean') + encodeParamValue('EnumerationContext', '', 'string') + imethodResponseEnd() + messageEnd();
    t.equal(dtdProblems(xml), '', what);
  }
  t.equal(dtdProblems(messageStart('4') + imethodResponseStart('GetInstance') + encodeError(6, 'not found', [error]) + imethodResponseEnd() + messageEnd()), '', 'ERROR');
  t.equal(dtdProblems(messageStart('5') + methodResponseStart('M') + encodeReturnValue('uint32', 0) + encodeParamValue('Job', fan, 'reference') +
    encodeParamValue('Error', error) + methodResponseEnd() + messageEnd()), '', 'METHODRESPONSE');
  t.equal(dtdProblems(encodeIMethodCall('6', 'EnumerateInstances', 'root/cimv2', { ClassName: new CIMClassName({ classname: 'CIM_Fan' }), PropertyList: ['A'], InstanceName: fan, DeepInheritance: true })), '', 'IMETHODCALL');
  t.equal(dtdProblems(encodeMethodCall('7', 'M', fan, { A: { type: 'uint16', value: 1 }, R: { type: 'reference', value: [fan, null] as CIMInstanceName[] } })), '', 'METHODCALL');
});
