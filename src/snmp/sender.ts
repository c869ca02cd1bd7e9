/**
 * One session per target over net-snmp: a trap is handed to the socket and
 * forgotten; an inform waits for the receiver's acknowledgement, sent again
 * after each timeout up to the target's retries (SNMPv3 informs discover the
 * receiver's engine first, as RFC 3414 wants).
 *
 * Two things net-snmp does not do as the RFCs say, done here: a resent
 * inform is a new message with its own msgID and request-id (RFC 3412 §6.2:
 * "a new msgID value SHOULD be used for each retransmission"; net-snmp
 * resends the same bytes), so the retries are made here, one inform each;
 * and a v3 trap carries thincim's snmpEngineBoots and snmpEngineTime
 * (net-snmp writes 0 and 0).
 */
import type { Session, Varbind } from 'net-snmp';
import type { MibVarbind } from './varbinds.js';
import type { SnmpTarget } from './targets.js';
import type { SnmpEngine } from './engine.js';
import { agentAddressFinder, v1TrapId } from './v1.js';

type Library = typeof import('net-snmp').default;

/**
 * The receiver answered an inform with a USM Report (RFC 3414 §3.2: wrong
 * digest, unknown user, unsupported security level…): it is reachable and
 * refuses thincim's user or keys, so the same inform again would be refused again.
 */
export class SnmpRefusedError extends Error {
  override readonly name = 'SnmpRefusedError';
}

export interface Sender {
  /** Resolves once a trap is sent, or an inform acknowledged. */
  send(notificationOid: string, varbinds: readonly MibVarbind[], upTime: number): Promise<void>;
  close(): void;
}

export function createSender(snmp: Library, target: SnmpTarget, engine: SnmpEngine): Sender {
  const options = {
    transport: target.transport,
    trapPort: target.port,
    // net-snmp sends a v3 inform after the first (once the engine is discovered) to `port`, not `trapPort`.
    port: target.port,
    // Each retry is a new inform (see above).
    retries: 0,
    timeout: target.timeoutMs,
  };
  const session: Session = target.version !== '3'
    ? snmp.createSession(target.host, target.community, { ...options, version: target.version === '1' ? snmp.Version1 : snmp.Version2c })
    : snmp.createV3Session(target.host, {
      name: target.user,
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols[target.authProtocol],
      authKey: target.authKey,
      privProtocol: snmp.PrivProtocols[target.privProtocol],
      privKey: target.privKey,
    }, { ...options, engineID: engine.id });
  if (target.version === '3') stampEngineTime(session, engine);
  // A socket error (e.g. ICMP unreachable reported on send) fails that send; it must not crash the process.
  session.on('error', () => {});
  const agentAddress = agentAddressFinder(target, target.version === '1' ? target.agentAddress : undefined);
  const typeOf = { unsigned: snmp.ObjectType.Unsigned32, integer: snmp.ObjectType.Integer, octets: snmp.ObjectType.OctetString };
  return {
    async send(oid, varbinds, upTime) {
      const list: Varbind[] = varbinds.map((v) => ({ oid: v.oid, type: typeOf[v.type], value: v.value }));
      if (target.version === '1') {
        const { enterprise, specific } = v1TrapId(oid);
        const agentAddr = await agentAddress();
        // net-snmp takes the OID's last sub-identifier as the specific-trap (generic-trap 6) and the rest as the enterprise.
        return once((done) => session.trap(`${enterprise}.${specific}`, list, { upTime, agentAddr }, done));
      }
      if (target.notification === 'trap') return once((done) => session.trap(oid, list, { upTime }, done));
      for (let attempt = 0; ; attempt++) {
        try {
          return await once((done) => session.inform(oid, list, { upTime }, done));
        } catch (err) {
          if (err instanceof snmp.ResponseInvalidError && err.code === snmp.ResponseInvalidCode.EAuthFailure) throw new SnmpRefusedError(err.message);
          // Only silence is worth another inform: any other answer would be the same again.
          if (attempt >= target.retries || !(err instanceof snmp.RequestTimedOutError)) throw err;
        }
      }
    },
    close() {
      session.close();
    },
  };
}

function once(start: (done: (error: Error | null) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => start((error) => (error ? reject(error) : resolve())));
}

/**
 * A v3 trap comes from thincim's engine, so it carries that engine's
 * snmpEngineBoots and snmpEngineTime (RFC 3414 §2.2, §3.1.1). net-snmp's
 * trap() writes 0 and 0 and has no option for them; it encodes a message
 * only when sending it, and sends a trap (alone) without waiting for an
 * answer, so the session's send sets them on the way.
 */
function stampEngineTime(session: Session, engine: SnmpEngine): void {
  const send = session.send.bind(session);
  session.send = (request, noWait) => {
    const params = request.message.msgSecurityParameters;
    if (noWait && params) {
      const { boots, time } = engine.clock();
      params.msgAuthoritativeEngineBoots = boots;
      params.msgAuthoritativeEngineTime = time;
    }
    return send(request, noWait);
  };
}
