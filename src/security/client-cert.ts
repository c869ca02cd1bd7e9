/** Mutual TLS: which user a verified client certificate stands for. */

/** The parts of a peer certificate used (`tls.TLSSocket#getPeerCertificate()` returns them). */
export interface PeerCertificateLike {
  subject?: { CN?: string | string[] } | null;
  /** `AA:BB:…` */
  fingerprint256?: string;
}

/** `AA:BB:…` (uppercase, colons) for a SHA-256 fingerprint written with or without colons, in any case; else undefined. */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/^sha-?256[:=]\s*/i, '').replace(/:/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  return hex.toUpperCase().match(/../g)?.join(':');
}

/**
 * The user a client certificate maps to. Mapping keys are SHA-256
 * fingerprints or subject CNs; a fingerprint match wins (it names one
 * certificate, a CN may be reissued). A subject with several CNs matches no
 * CN key. Only call this for a certificate the TLS layer verified
 * (`socket.authorized`).
 */
export function userForCertificate(
  peer: PeerCertificateLike | undefined, mapping: Readonly<Record<string, string>>,
): string | undefined {
  if (!peer) return undefined;
  const fingerprint = peer.fingerprint256 === undefined ? undefined : normalizeFingerprint(peer.fingerprint256);
  if (fingerprint !== undefined) {
    for (const [key, user] of Object.entries(mapping)) if (normalizeFingerprint(key) === fingerprint) return user;
  }
  const cn = peer.subject?.CN;
  if (typeof cn !== 'string' || cn === '') return undefined;
  return Object.hasOwn(mapping, cn) && normalizeFingerprint(cn) === undefined ? mapping[cn] : undefined;
}
