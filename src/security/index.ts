/** Security building blocks: users file and password checks, failure limiter, Basic parsing, TLS certificates. */
export { DEFAULT_SCRYPT, hashPassword, MAX_PASSWORD_BYTES, parsePasswordHash, PasswordHashError, verifyPassword } from './password.js';
export type { PasswordHash, ScryptParams } from './password.js';
export { isRole, parseUsers, readUsers, ROLES, setUser, USER_NAME, UsersFileError } from './users-file.js';
export type { Role, SetUserOptions, UserRecord } from './users-file.js';
export { UserStore } from './user-store.js';
export type { AuthenticatedUser, UserStoreOptions, UserStoreStats } from './user-store.js';
export { addressKey, AuthFailureLimiter } from './limiter.js';
export type { AuthFailureLimiterOptions, LimiterDecision } from './limiter.js';
export { MAX_AUTHORIZATION_LENGTH, parseBasicAuthorization } from './basic-auth.js';
export type { BasicCredentials } from './basic-auth.js';
export { normalizeFingerprint, userForCertificate } from './client-cert.js';
export type { PeerCertificateLike } from './client-cert.js';
export { CertificateError, loadOrCreateCertificate, SELF_SIGNED_VALIDITY_DAYS, selfSignedPaths } from './certificate.js';
export type { CertificateOptions, LoadedCertificate } from './certificate.js';
export { Authenticator } from './authenticator.js';
export type { AuthenticatorOptions, AuthOutcome, AuthRequest } from './authenticator.js';
export { LockTimeoutError, withLock, writeFileAtomic } from './files.js';
