/**
 * Export messages (DSP0201 §5.3.3, §5.3.6; DSP0200 §7): the EXPMETHODCALL a
 * WBEM server sends a listener, ExportIndication with its NewIndication, and
 * the EXPMETHODRESPONSE the listener answers with.
 */
import type { CIMInstance } from '../../cim/index.js';
import { escapeAttribute } from './escape.js';
import { cimMessageStart, encodeError } from './message.js';
import { encodeInstance } from './objects.js';

export const EXPORT_INDICATION = 'ExportIndication';

/** A whole SIMPLEEXPREQ body: ExportIndication with the indication as NewIndication. */
export function encodeExportIndication(id: string, indication: CIMInstance): string {
  return `${cimMessageStart(id, 'SIMPLEEXPREQ')}<EXPMETHODCALL NAME="${EXPORT_INDICATION}">` +
    `<EXPPARAMVALUE NAME="NewIndication">${encodeInstance(indication)}</EXPPARAMVALUE>` +
    '</EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>';
}

/** A whole SIMPLEEXPRSP body: success (no child), or an ERROR. */
export function encodeExportResponse(id: string, name: string, error?: { code: number; description?: string }): string {
  const content = error === undefined ? '' : encodeError(error.code, error.description);
  return `${cimMessageStart(id, 'SIMPLEEXPRSP')}<EXPMETHODRESPONSE NAME="${escapeAttribute(name)}">${content}</EXPMETHODRESPONSE>` +
    '</SIMPLEEXPRSP></MESSAGE></CIM>';
}
