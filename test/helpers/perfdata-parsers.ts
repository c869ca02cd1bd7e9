/**
 * How real monitoring cores read a plugin's output, re-implemented from their
 * source so that tests can feed thincim's `--nagios` output to them:
 *
 * - Icinga 2: PluginUtility::ParseCheckOutput and ::SplitPerfdata
 *   (Icinga/icinga2 lib/icinga/pluginutility.cpp, commit 051b3ba9) and
 *   PerfdataValue::Parse (lib/base/perfdatavalue.cpp, the SPDX-headed 2.14+
 *   version; older releases, e.g. commit ac155d1d, threw on any unit but
 *   us/ms/s/B/KB/MB/GB/TB/%/c, where newer ones log it at debug and drop it).
 *   A value Parse throws on is logged by the perfdata writers and left out.
 * - PNP4Nagios: _parse and the check_multi test of parse_perfstring
 *   (pnp4nagios/pnp4nagios scripts/process_perfdata.pl.in): one item it cannot
 *   match drops the service's whole perfdata ("Invalid Perfdata detected").
 */

/** Icinga 2 ParseCheckOutput: every line's first '|' starts perfdata (lines split at \r and \n). */
export function icingaParseCheckOutput(output: string): { text: string; perfdata: string } {
  let text = '';
  let perfdata = '';
  for (const line of output.split(/[\r\n]/)) {
    const delim = line.indexOf('|');
    if (text) text += '\n';
    if (delim >= 0) {
      text += line.slice(0, delim);
      if (perfdata) perfdata += ' ';
      perfdata += line.slice(delim + 1);
    } else {
      text += line;
    }
  }
  return { text, perfdata: perfdata.trim() };
}

/** Icinga 2 SplitPerfdata: label up to the next '=', value up to the next space; a label with '::' prefixes the labels after it. */
export function icingaSplitPerfdata(perfdata: string): string[] {
  const result: string[] = [];
  let begin = 0;
  let multiPrefix = '';
  for (;;) {
    const eqp = perfdata.indexOf('=', begin);
    if (eqp < 0) break;
    let label = perfdata.slice(begin, eqp);
    if (label.length > 2 && label.startsWith("'") && label.endsWith("'")) label = label.slice(1, -1);
    const multiIndex = label.lastIndexOf('::');
    if (multiIndex >= 0) multiPrefix = '';
    let spq = perfdata.indexOf(' ', eqp);
    if (spq < 0) spq = perfdata.length;
    const value = perfdata.slice(eqp + 1, spq);
    if (multiPrefix) label = `${multiPrefix}::${label}`;
    result.push(label.includes(' ') ? `'${label}'=${value}` : `${label}=${value}`);
    if (multiIndex >= 0) multiPrefix = label.slice(0, multiIndex);
    begin = spq + 1;
  }
  return result;
}

/** boost::lexical_cast<double>, which Convert::ToDouble uses: the whole text a number (nan and inf included). */
function toDouble(text: string): number {
  const special = /^([+-]?)(nan|inf|infinity)$/i.exec(text);
  if (special) return special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) throw new Error(`Can't convert '${text}' to a floating point number`);
  return Number(text);
}

/** The units Icinga 2 before 2.11 accepted (case-insensitive); any other threw. */
const OLD_ICINGA_UNITS = new Set(['', 'us', 'ms', 's', 'tb', 'gb', 'mb', 'kb', 'b', '%', 'c']);

export interface IcingaPerfdataValue {
  label: string;
  value: number;
  unit: string;
  warn?: number;
  crit?: number;
  min?: number;
  max?: number;
}

/** Icinga 2 PerfdataValue::Parse (throws where Icinga throws), with the old releases' unit check. */
export function icingaParsePerfdataValue(item: string): IcingaPerfdataValue {
  const eqp = item.lastIndexOf('=');
  if (eqp < 0) throw new Error(`Invalid performance data value: ${item}`);
  let label = item.slice(0, eqp);
  if (label.length > 2 && label.startsWith("'") && label.endsWith("'")) label = label.slice(1, -1);
  let spq = item.indexOf(' ', eqp);
  if (spq < 0) spq = item.length;
  const valueStr = item.slice(eqp + 1, spq);
  const tokens = valueStr.split(';');
  if (valueStr.includes(',')) throw new Error(`Invalid performance data value: ${item}`);
  const first = tokens[0]!;
  const last = Math.max(...[...'0123456789.'].map((c) => first.lastIndexOf(c)));
  const pos = last < 0 ? first.length : last + 1;
  const value = toDouble(first.slice(0, last < 0 ? undefined : pos));
  if (!Number.isFinite(value)) throw new Error(`Invalid performance data value: ${item} is outside of any reasonable range`);
  const unit = last < 0 ? '' : first.slice(pos);
  if (!OLD_ICINGA_UNITS.has(unit.toLowerCase())) throw new Error(`Invalid performance data unit: ${unit} (Icinga 2 before 2.11)`);
  const field = (i: number): number | undefined => {
    const token = tokens[i];
    return token !== undefined && token !== 'U' && token !== '' && /^[-+0-9.eE]+$/.test(token) ? toDouble(token) : undefined;
  };
  const parsed: IcingaPerfdataValue = { label, value, unit };
  for (const [i, name] of [[1, 'warn'], [2, 'crit'], [3, 'min'], [4, 'max']] as const) {
    const v = field(i);
    if (v !== undefined) parsed[name] = v;
  }
  return parsed;
}

const PNP_ITEM = /^([^=]+)=(U|[\d.-]+)([\w/%]*);?([\d.\-:~@]+)?;?([\d.\-:~@]+)?;?([\d.-]+)?;?([\d.-]+)?;?\s*/;
const PNP_MULTI = /^'?([a-zA-Z0-9.\-_\s/#]+)::([a-zA-Z0-9.\-_\s]+)::([^=]+)'?=/;

export interface PnpItem {
  label: string;
  value: string;
  uom: string;
  warning?: string;
  critical?: string;
  min?: string;
  max?: string;
}

/** PNP4Nagios parse_perfstring: its items, undefined when one item fails and the whole perfdata is dropped, 'multi' for check_multi. */
export function pnpParse(perfstring: string): PnpItem[] | undefined | 'multi' {
  if (PNP_MULTI.test(perfstring)) return 'multi';
  const items: PnpItem[] = [];
  let rest = perfstring;
  while (rest) {
    const m = PNP_ITEM.exec(rest);
    // Perl's truth: the label cleaned of & " ' must be neither empty nor "0".
    const label = m?.[1]?.replace(/[&"']/g, '');
    if (!m || !label || label === '0' || !m[2]) return undefined;
    rest = rest.slice(m[0].length);
    const item: PnpItem = { label, value: m[2], uom: m[3] ?? '' };
    for (const [i, name] of [[4, 'warning'], [5, 'critical'], [6, 'min'], [7, 'max']] as const) if (m[i] !== undefined) item[name] = m[i];
    items.push(item);
  }
  return items;
}
