/**
 * CIM-XML encoding: the hand-rolled writer of src/cimxml against xmlbuilder2
 * building the same EnumerateInstances response of 1,000 sensor instances.
 * Prints ops/s (whole responses), MB/s and instances/s.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { CIMDateTime, CIMInstanceName, realToText } from '../src/cim/index.js';
import type { CIMInstance, CIMScalar, CIMType } from '../src/cim/index.js';
import {
  decodeResponse, encodeNamedInstance, imethodResponseEnd, imethodResponseStart, ireturnValueEnd, ireturnValueStart,
  messageEnd, messageStart,
} from '../src/cimxml/index.js';
import { measure, sensorInstances } from './sensors.js';

const instances = sensorInstances(1000);

function thincim(): string {
  let xml = messageStart('42') + imethodResponseStart('EnumerateInstances') + ireturnValueStart();
  for (const instance of instances) xml += encodeNamedInstance(instance);
  return xml + ireturnValueEnd() + imethodResponseEnd() + messageEnd();
}

/** The per-instance XML cached, as the server does between index generations. */
const cached = new Map(instances.map((instance) => [instance, encodeNamedInstance(instance)]));
function thincimCached(): string {
  let xml = messageStart('42') + imethodResponseStart('EnumerateInstances') + ireturnValueStart();
  for (const instance of instances) xml += cached.get(instance);
  return xml + ireturnValueEnd() + imethodResponseEnd() + messageEnd();
}

function text(type: CIMType, value: CIMScalar): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' && (type === 'real32' || type === 'real64')) return realToText(value, type === 'real32');
  if (value instanceof CIMDateTime) return value.value;
  return String(value);
}

function withBuilder(): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const rv = doc.ele('CIM', { CIMVERSION: '2.0', DTDVERSION: '2.0' })
    .ele('MESSAGE', { ID: '42', PROTOCOLVERSION: '1.0' }).ele('SIMPLERSP')
    .ele('IMETHODRESPONSE', { NAME: 'EnumerateInstances' }).ele('IRETURNVALUE');
  for (const instance of instances) namedInstance(rv, instance);
  return doc.end({ headless: false });
}

function namedInstance(parent: XMLBuilder, instance: CIMInstance): void {
  const named = parent.ele('VALUE.NAMEDINSTANCE');
  const name = named.ele('INSTANCENAME', { CLASSNAME: instance.path!.classname });
  for (const [key, value] of instance.path!.keybindings) {
    if (value instanceof CIMInstanceName) continue;
    name.ele('KEYBINDING', { NAME: key }).ele('KEYVALUE', { VALUETYPE: 'string', TYPE: 'string' }).txt(String(value));
  }
  const element = named.ele('INSTANCE', { CLASSNAME: instance.classname });
  for (const property of instance.properties.values()) {
    const { value } = property;
    if (Array.isArray(value)) {
      const array = element.ele('PROPERTY.ARRAY', { NAME: property.name, TYPE: property.type }).ele('VALUE.ARRAY');
      for (const item of value) {
        if (item === null) array.ele('VALUE.NULL');
        else array.ele('VALUE').txt(text(property.type, item));
      }
    } else {
      const scalar = element.ele('PROPERTY', { NAME: property.name, TYPE: property.type });
      if (value !== null) scalar.ele('VALUE').txt(text(property.type, value));
    }
  }
}

const ours = thincim();
const theirs = withBuilder();
for (const [label, xml] of [['thincim', ours], ['xmlbuilder2', theirs]] as const) {
  const decoded = decodeResponse(xml);
  const count = decoded.kind === 'imethodresponse' ? decoded.returnValue?.length : 0;
  if (count !== instances.length) throw new Error(`${label} wrote ${count} instances`);
}

const size = Buffer.byteLength(ours);
console.log(`EnumerateInstances response: ${instances.length} sensor instances, ${(size / 1e6).toFixed(2)} MB (xmlbuilder2: ${(Buffer.byteLength(theirs) / 1e6).toFixed(2)} MB)`);
// Each run ends with the UTF-8 length, which makes V8 materialise the text as a server sending it would.
for (const [label, fn] of [['thincim encoder', thincim], ['thincim, per-instance cache', thincimCached], ['xmlbuilder2', withBuilder]] as const) {
  const ops = measure(() => Buffer.byteLength(fn()));
  console.log(`${label.padEnd(28)} ${ops.toFixed(1).padStart(8)} ops/s  ${((ops * size) / 1e6).toFixed(1).padStart(7)} MB/s  ${Math.round(ops * instances.length).toLocaleString('en').padStart(10)} instances/s`);
}
