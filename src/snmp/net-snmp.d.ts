/** The part of net-snmp (which ships no types) that thincim uses: sessions that send traps and informs. */
declare module 'net-snmp' {
  export interface Varbind {
    oid: string;
    type: number;
    value: number | string | Buffer;
  }

  export interface SessionOptions {
    version?: number;
    transport?: 'udp4' | 'udp6';
    /** Where requests go. */
    port?: number;
    /** Where traps and informs go. */
    trapPort?: number;
    retries?: number;
    timeout?: number;
    engineID?: string | Buffer;
  }

  export interface User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }

  export type Callback = (error: Error | null) => void;

  /** net-snmp's own request, as Session.send takes it (internal: thincim sets a v3 trap's engine time on it). */
  export interface Request {
    message: { msgSecurityParameters?: { msgAuthoritativeEngineBoots: number; msgAuthoritativeEngineTime: number } };
  }

  export interface Session {
    /** Internal: encodes and sends one request; `noWait` for a trap, which no answer follows. */
    send(request: Request, noWait?: boolean): Session;
    /** SNMPv1: the OID's last sub-identifier is the specific-trap, the rest the enterprise; `agentAddr` the agent-addr. */
    trap(oid: string, varbinds: Varbind[], options: { upTime?: number; agentAddr?: string }, callback: Callback): Session;
    inform(oid: string, varbinds: Varbind[], options: { upTime?: number }, callback: Callback): Session;
    close(): Session;
    on(event: 'error', listener: (error: Error) => void): Session;
  }

  export function createSession(target: string, community: string, options: SessionOptions): Session;
  export function createV3Session(target: string, user: User, options: SessionOptions): Session;

  /** An inform no answer came for within the timeout. */
  export class RequestTimedOutError extends Error {}

  /** An answer that is not the acknowledgement; `code` is one of ResponseInvalidCode. */
  export class ResponseInvalidError extends Error {
    readonly code: number;
  }

  /** EAuthFailure: the receiver's Report of a USM error (wrong digest, unknown user…), or an answer whose digest is wrong. */
  export const ResponseInvalidCode: Readonly<Record<'EAuthFailure', number>>;

  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const ObjectType: Readonly<Record<'Integer' | 'OctetString' | 'Unsigned32' | 'TimeTicks' | 'OID', number>>;
  export const SecurityLevel: Readonly<Record<'noAuthNoPriv' | 'authNoPriv' | 'authPriv', number>>;
  export const AuthProtocols: Readonly<Record<'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', number>>;
  export const PrivProtocols: Readonly<Record<'des' | 'aes' | 'aes256b' | 'aes256r', number>>;

  const snmp: {
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
    Version1: number;
    Version2c: number;
    Version3: number;
    ObjectType: typeof ObjectType;
    SecurityLevel: typeof SecurityLevel;
    AuthProtocols: typeof AuthProtocols;
    PrivProtocols: typeof PrivProtocols;
    RequestTimedOutError: typeof RequestTimedOutError;
    ResponseInvalidError: typeof ResponseInvalidError;
    ResponseInvalidCode: typeof ResponseInvalidCode;
  };
  export default snmp;
}
