/**
 * One session per target over net-snmp: a trap is handed to the socket and
 * forgotten; an inform waits for the receiver's acknowledgement, resent
 * after each timeout up to the target's retries (SNMPv3 informs discover the
 * receiver's engine first, as RFC 3414 wants).
 */
import type { Session, Varbind } from 'net-snmp';
import type { MibVarbind } from './varbinds.js';
import type { SnmpTarget } from './targets.js';

type Library = typeof import('net-snmp').default;

export interface Sender {
  /** Resolves once a trap is sent, or an inform acknowledged. */
  send(notificationOid: string, varbinds: readonly MibVarbind[], upTime: number): Promise<void>;
  close(): void;
}

export function createSender(snmp: Library, target: SnmpTarget, engineId: string): Sender {
  const options = {
    transport: target.transport,
    trapPort: target.port,
    // net-snmp sends a v3 inform after the first (once the engine is discovered) to `port`, not `trapPort`.
    port: target.port,
    retries: target.retries,
    timeout: target.timeoutMs,
  };
  const session: Session = target.version === '2c'
    ? snmp.createSession(target.host, target.community, { ...options, version: snmp.Version2c })
    : snmp.createV3Session(target.host, {
      name: target.user,
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols[target.authProtocol],
      authKey: target.authKey,
      privProtocol: snmp.PrivProtocols[target.privProtocol],
      privKey: target.privKey,
    }, { ...options, engineID: engineId });
  // A socket error (e.g. ICMP unreachable reported on send) fails that send; it must not crash the process.
  session.on('error', () => {});
  const typeOf = { unsigned: snmp.ObjectType.Unsigned32, integer: snmp.ObjectType.Integer, octets: snmp.ObjectType.OctetString };
  return {
    send(oid, varbinds, upTime) {
      const list: Varbind[] = varbinds.map((v) => ({ oid: v.oid, type: typeOf[v.type], value: v.value }));
      return new Promise<void>((resolve, reject) => {
        const done = (error: Error | null): void => (error ? reject(error) : resolve());
        if (target.notification === 'inform') session.inform(oid, list, { upTime }, done);
        else session.trap(oid, list, { upTime }, done);
      });
    },
    close() {
      session.close();
    },
  };
}
