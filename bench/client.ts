/**
 * The client side of a health check: decoding an EnumerateInstances answer
 * of N numeric sensors through WBEMConnection (a canned answer from a local
 * HTTP server, so the figure is the client's), judging N sensors with
 * evaluateHealth, and a whole `thincim health` inventory against the
 * in-process broker serving a simulated host of N sensors.
 *
 *   node --import tsx bench/client.ts [--sensors 1000] [--seconds 3]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import {
  encodeNamedInstance, imethodResponseEnd, imethodResponseStart, ireturnValueEnd, ireturnValueStart, messageEnd, messageStart,
} from '../src/cimxml/index.js';
import { collectInventory, evaluateHealth, WBEMConnection } from '../src/client/index.js';
import { startTestBroker } from '../test/helpers/broker.js';
import { measure, sensorInstances } from './sensors.js';

const { values: args } = parseArgs({ options: { sensors: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '3' } } });
const count = Number(args.sensors);
const seconds = Number(args.seconds);

/** Runs `fn` one call at a time for about `seconds`; returns calls per second. */
async function measureAsync(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await fn();
    runs++;
  }
  return runs / ((performance.now() - started) / 1000);
}

const sensors = sensorInstances(count);
const items = sensors.map((s) => encodeNamedInstance(s)).join('');
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const id = /<MESSAGE ID="([^"]*)"/.exec(Buffer.concat(chunks).toString())?.[1] ?? '0';
    const body = `${messageStart(id)}${imethodResponseStart('EnumerateInstances')}${ireturnValueStart()}${items}${ireturnValueEnd()}${imethodResponseEnd()}${messageEnd()}`;
    res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8', CIMOperation: 'MethodResponse' });
    res.end(body);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const canned = new WBEMConnection(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
const decodeRate = await measureAsync(() => canned.enumerateInstances('CIM_NumericSensor'));
canned.close();
server.close();
console.log(`EnumerateInstances of ${count} sensors through WBEMConnection (canned answer): ${decodeRate.toFixed(1)}/s, ${(1000 / decodeRate).toFixed(1)} ms each`);

const judged = measure(() => evaluateHealth({ numericSensors: sensors, sensors }), seconds);
console.log(`evaluateHealth of ${count} numeric sensors: ${judged.toFixed(0)}/s, ${(1000 / judged).toFixed(2)} ms each`);

const broker = await startTestBroker({ simulated: { sensors: count } });
const live = new WBEMConnection(broker.url);
const healthRate = await measureAsync(async () => evaluateHealth(await collectInventory(live)));
live.close();
await broker.close();
console.log(`health inventory + evaluation of a simulated host with ${count} sensors (in-process broker): ${(1000 / healthRate).toFixed(0)} ms each`);
