/**
 * Running Prometheus's own checker on a scrape: `promtool check metrics`
 * (Debian's prometheus package, 2.42) reads the text format with the Go
 * client's parser and lints it with promlint (names, units, type suffixes,
 * HELP). It exits 0 when all is well, 1 when it cannot read the input and 3
 * when it only has lint warnings, which it prints one a line on stdout.
 */
import { execFileSync, spawn } from 'node:child_process';

export interface PromtoolResult {
  /** Exit status; null when killed. */
  code: number | null;
  /** What promtool printed, stdout and stderr together: empty for a clean scrape. */
  output: string;
}

/** Throws, naming the package, unless promtool runs. */
export function requirePromtool(): void {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
  } catch (e) {
    throw new Error('promtool is required for this suite: install Debian\'s prometheus package (.ci/run does)', { cause: e });
  }
}

/** Pipes `exposition` to `promtool check metrics`. */
export function promtoolCheck(exposition: string): Promise<PromtoolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => { output += text; });
    child.stderr.setEncoding('utf8').on('data', (text: string) => { output += text; });
    child.on('error', reject);
    // promtool may stop reading at a line it cannot parse: its exit status says so, not EPIPE.
    child.stdin.on('error', () => {});
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(exposition);
  });
}
