/**
 * SNMPv1 Trap-PDUs (RFC 1157 §4.1.6) from THINCIM-MIB's SMIv2 notifications,
 * as RFC 3584 §3.2 translates them: enterprise and specific-trap from the
 * notification's OID, generic-trap 6 (enterpriseSpecific), time-stamp the
 * sysUpTime, and the notification's objects as the variable-bindings
 * (sysUpTime.0 and snmpTrapOID.0 are the PDU's own fields in v1, never
 * varbinds). RFC 3584 §3.2: a notification with a Counter64 object
 * cannot be sent as SNMPv1; THINCIM-MIB defines none (test/snmp/v1.test.ts
 * checks the MIB), so every notification translates.
 */
import { createSocket } from 'node:dgram';

/** agent-addr when this host has no IPv4 address toward the receiver (an IPv6 receiver, a name that does not resolve). */
const NO_AGENT_ADDRESS = '0.0.0.0';

/** The Trap-PDU's enterprise and specific-trap; generic-trap is 6, enterpriseSpecific. */
export interface V1TrapId {
  readonly enterprise: string;
  readonly specific: number;
}

/**
 * RFC 3584 §3.2 for a notification that is not one of the
 * generic traps of SNMPv2-MIB: the OID without its last two sub-identifiers
 * when the next-to-last is 0 (`enterprise.0.specific`, as SMIv2
 * notifications are numbered so that v1 receivers can map them back), else
 * without the last one; the last is the specific-trap.
 */
export function v1TrapId(notificationOid: string): V1TrapId {
  const arcs = notificationOid.split('.');
  const specific = Number(arcs.pop());
  if (arcs.at(-1) === '0') arcs.pop();
  return { enterprise: arcs.join('.'), specific };
}

/** This host's IPv4 address toward a receiver, or undefined; never rejects. */
export type LocalAddressLookup = (host: string, port: number) => Promise<string | undefined>;

/**
 * The agent-addr of the traps to one receiver, RFC 1157 §4.1.6's "address of
 * object generating trap" (not RFC 3584 §3.2's, which a proxy takes from
 * snmpTrapAddress.0 or else sets to 0.0.0.0): `configured` when given; else
 * this host's IPv4 address toward the receiver, looked up again for each trap
 * (a rare event) so that a DHCP lease or an address change is followed;
 * 0.0.0.0 when the lookup finds none or fails, and toward an IPv6 receiver.
 */
export function agentAddressFinder(
  receiver: { host: string; port: number; transport: 'udp4' | 'udp6' },
  configured: string | undefined,
  lookup: LocalAddressLookup = localIPv4Toward,
): () => Promise<string> {
  const fixed = configured ?? (receiver.transport === 'udp6' ? NO_AGENT_ADDRESS : undefined);
  if (fixed !== undefined) return async () => fixed;
  return async () => (await lookup(receiver.host, receiver.port).catch(() => undefined)) ?? NO_AGENT_ADDRESS;
}

/**
 * The local IPv4 address the system would send from to `host`:`port`, read
 * from a UDP socket connected there (connecting sends nothing); undefined
 * when the host does not resolve to IPv4 or no route leads there.
 */
async function localIPv4Toward(host: string, port: number): Promise<string | undefined> {
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      // A failed bind is emitted; a name that does not resolve comes to the callback.
      socket.once('error', reject);
      socket.connect(port, host, (error?: Error) => (error ? reject(error) : resolve()));
    });
    return socket.address().address;
  } catch {
    return undefined;
  } finally {
    socket.close();
  }
}
