/**
 * The query languages ExecQuery, the pulls' FilterQueryLanguage and
 * indication filters accept: WQL, and DMTF:CQL in the subset where the two
 * coincide, by the names clients send (pywbem's, OpenPegasus's and sfcb's).
 * CIM:CQL, CQL's name before DSP0202, is OpenPegasus's (cimsub's default) and
 * sfcb's name for it.
 */
import { CIMError, CIMStatus } from '../../cim/index.js';

const LANGUAGES = new Set(['wql', 'dmtf:cql', 'cql', 'cim:cql']);

/** CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED unless `language` is one of them (any case, spaces around it ignored). */
export function checkQueryLanguage(language: string): void {
  if (!LANGUAGES.has(language.trim().toLowerCase())) {
    throw new CIMError(CIMStatus.QUERY_LANGUAGE_NOT_SUPPORTED, `query language ${language} is not supported; use WQL, DMTF:CQL or CIM:CQL`);
  }
}
