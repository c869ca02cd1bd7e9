import t from 'tap';
import { CIMError, CIMStatus, statusName } from '../../src/cim/index.js';

t.test('status names', async (t) => {
  t.equal(statusName(CIMStatus.NOT_FOUND), 'CIM_ERR_NOT_FOUND');
  t.equal(statusName(CIMStatus.QUERY_FEATURE_NOT_SUPPORTED), 'CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED');
  t.equal(statusName(18), 'CIM_ERR_18', 'a code outside the catalogue');
  t.equal(CIMStatus.INVALID_NAMESPACE, 3);
  t.equal(CIMStatus.SERVER_IS_SHUTTING_DOWN, 28);
});

t.test('CIMError', async (t) => {
  const cause = new Error('disk');
  const err = new CIMError(CIMStatus.INVALID_CLASS, 'class X_Nope does not exist', { cause });
  t.ok(err instanceof Error);
  t.equal(err.name, 'CIMError');
  t.equal(err.code, 5);
  t.equal(err.description, 'class X_Nope does not exist');
  t.equal(err.cause, cause);
  t.equal(err.toString(), 'CIM_ERR_INVALID_CLASS: class X_Nope does not exist');
});
