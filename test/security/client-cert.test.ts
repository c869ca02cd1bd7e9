import t from 'tap';
import { normalizeFingerprint, userForCertificate } from '../../src/security/index.js';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

t.test('fingerprints normalise from any spelling', async (t) => {
  t.equal(normalizeFingerprint(FP), FP);
  t.equal(normalizeFingerprint(FP.toLowerCase()), FP);
  t.equal(normalizeFingerprint(FP.replace(/:/g, '')), FP);
  t.equal(normalizeFingerprint(`sha256:${FP.replace(/:/g, '').toLowerCase()}`), FP);
  t.equal(normalizeFingerprint('SHA-256=' + FP), FP);
  t.equal(normalizeFingerprint('AB:CD'), undefined);
  t.equal(normalizeFingerprint('monitor.example.com'), undefined);
});

t.test('mapping by fingerprint, then CN', async (t) => {
  const mapping = { [FP.toLowerCase().replace(/:/g, '')]: 'by-fp', 'nagios.example': 'by-cn' };
  t.equal(userForCertificate({ fingerprint256: FP, subject: { CN: 'nagios.example' } }, mapping), 'by-fp', 'fingerprint wins');
  t.equal(userForCertificate({ fingerprint256: FP.replace('AB', 'AC'), subject: { CN: 'nagios.example' } }, mapping), 'by-cn');
  t.equal(userForCertificate({ subject: { CN: 'other' } }, mapping), undefined);
  t.equal(userForCertificate({ subject: { CN: ['nagios.example', 'x'] } }, mapping), undefined, 'several CNs are ambiguous');
  t.equal(userForCertificate({ subject: null }, mapping), undefined);
  t.equal(userForCertificate({}, mapping), undefined, 'getPeerCertificate() without a certificate');
  t.equal(userForCertificate(undefined, mapping), undefined);
  t.equal(userForCertificate({ subject: { CN: 'toString' } }, mapping), undefined, 'no prototype keys');
  t.equal(userForCertificate({ subject: { CN: FP } }, { [FP]: 'x' }), undefined, 'a CN spelled like a fingerprint does not match a fingerprint key');
});
