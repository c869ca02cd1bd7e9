/** One thing wrong with the configuration, named by key and by where the value came from. */
export interface ConfigProblem {
  /** Dotted key (`limits.bodyBytes`), or the flag/variable as given when it matches no key. */
  key: string;
  /** The file path, `THINCIM_…` variable, `--flag`, or `default`. */
  source: string;
  message: string;
  /** 1-based line in the configuration file, when known. */
  line?: number;
}

/** The configuration could not be loaded; `problems` lists every reason found, not just the first. */
export class ConfigError extends Error {
  readonly code = 'THINCIM_CONFIG_INVALID';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.source : `${p.source}:${p.line}`;
  return p.key === p.source ? `${where}: ${p.message}` : `${p.key}: ${p.message} (${where})`;
}

/** The candidate nearest to a mistyped name, if it is close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
