/**
 * Content codings of CIM-XML answers. thincim sends them as they are (the
 * `identity` coding): RFC 9110 §12.5.3 makes that acceptable to any
 * Accept-Encoding that does not refuse it in so many words, `identity;q=0`,
 * or `*;q=0` without an entry for identity (an empty value asks for identity
 * itself). A client that does refuse it is answered 406 (RFC 9110 §12.1,
 * §15.5.7) rather than sent what it said it cannot take.
 */

/** Whether an Accept-Encoding value refuses the identity coding (RFC 9110 §12.5.3; weights: §12.4.2). */
export function refusesIdentity(accept: string): boolean {
  // A refusal has a weight of 0: every value without `q=0` (all but hand-made ones) is decided without parsing.
  if (!accept.includes('q=0') && !accept.includes('Q=0')) return false;
  let identity: number | undefined;
  let any: number | undefined;
  for (const entry of accept.split(',')) {
    const [coding = '', ...params] = entry.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding === 'identity') identity = weight;
    else if (coding === '*') any = weight;
  }
  return (identity ?? any) === 0;
}

/** The 406 answer's text: what was refused, and what to send instead. */
export function identityRefused(accept: string): string {
  return `CIM-XML answers are sent without a content coding (identity), which this request's Accept-Encoding (${JSON.stringify(accept)}) `
    + 'refuses; accept identity (leave out Accept-Encoding, or drop identity;q=0 / *;q=0)\n';
}
