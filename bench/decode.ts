/**
 * CIM-XML decoding: a typical request (what the server parses per call) and
 * an EnumerateInstances response of 1,000 sensor instances (what the client
 * parses). Prints ops/s and MB/s.
 */
import { CIMClassName, CIMInstanceName } from '../src/cim/index.js';
import {
  decodeRequest, decodeResponse, encodeIMethodCall, encodeNamedInstance, imethodResponseEnd, imethodResponseStart,
  ireturnValueEnd, ireturnValueStart, messageEnd, messageStart,
} from '../src/cimxml/index.js';
import { measure, sensorInstances } from './sensors.js';

const instances = sensorInstances(1000);
const response = Buffer.from(messageStart('42') + imethodResponseStart('EnumerateInstances') + ireturnValueStart() +
  instances.map((instance) => encodeNamedInstance(instance)).join('') + ireturnValueEnd() + imethodResponseEnd() + messageEnd());

const enumerate = Buffer.from(encodeIMethodCall('42', 'EnumerateInstances', 'root/cimv2', {
  ClassName: new CIMClassName({ classname: 'CIM_NumericSensor' }),
  LocalOnly: false,
  PropertyList: ['ElementName', 'SensorType', 'BaseUnits', 'UnitModifier', 'CurrentReading', 'HealthState'],
}));
const getInstance = Buffer.from(encodeIMethodCall('43', 'GetInstance', 'root/cimv2', {
  InstanceName: instances[0]!.path!.withLocation(undefined) as CIMInstanceName,
}));

const cases: [string, Buffer, () => unknown][] = [
  ['request: EnumerateInstances', enumerate, () => decodeRequest(enumerate)],
  ['request: GetInstance', getInstance, () => decodeRequest(getInstance)],
  ['response: 1,000 instances', response, () => decodeResponse(response)],
];
for (const [label, body, fn] of cases) {
  const ops = measure(fn);
  const size = body.byteLength;
  console.log(`${label.padEnd(30)} ${String(size).padStart(8)} B  ${ops.toFixed(1).padStart(9)} ops/s  ${((ops * size) / 1e6).toFixed(1).padStart(6)} MB/s`);
}
