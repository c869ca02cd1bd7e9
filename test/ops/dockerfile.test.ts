/**
 * The Dockerfile's build stage against the build context (no container
 * engine here): every COPY source exists and is not dropped by
 * .dockerignore, and every local module the build's scripts import is
 * copied. Two `docker build` failures came from these drifting apart: the
 * root README.md copied but ignored as `*.md`, and scripts/bundle.mjs copied
 * without the module it imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** .dockerignore as Docker reads it: the last matching pattern wins; a match on a folder covers what is in it. */
function ignoredBy(dockerignore: string): (path: string) => boolean {
  const rules = dockerignore.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).map((line) => {
    const negated = line.startsWith('!');
    const glob = normalize(negated ? line.slice(1) : line).replace(/^\/+/, '');
    const source = glob.split(/(\*\*\/?|\*|\?)/).map((part) => (
      part === '**/' || part === '**' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    )).join('');
    return { negated, pattern: new RegExp(`^${source}$`) };
  });
  return (path) => {
    const parts = path.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (prefixes.some((p) => rule.pattern.test(p))) ignored = !rule.negated;
    return ignored;
  };
}

/** The build stage's `COPY src… dest` sources (not `--from` copies). */
function buildStageCopies(dockerfile: string): string[] {
  const stage = dockerfile.split(/^FROM /m)[1] ?? '';
  return stage.split('\n').filter((l) => /^COPY\s/.test(l) && !/--from=/.test(l))
    .flatMap((l) => l.trim().split(/\s+/).slice(1, -1)).map((s) => normalize(s).replace(/\/$/, ''));
}

/** What `npm run <script>` runs with node: the files, from package.json. */
function nodeScripts(run: string): string[] {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  return [...(scripts[run] ?? '').matchAll(/\bnode\s+(\S+\.m?js)\b/g)].map((m) => m[1]!);
}

/** `file` and every local module it imports, transitively (relative specifiers). */
function localImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, specifier] of read(file).matchAll(/\bimport\s*(?:[^'"]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g)) {
    localImports(relative(ROOT, join(ROOT, dirname(file), specifier!)), seen);
  }
  return seen;
}

const copied = (sources: readonly string[], file: string): boolean => sources.some((s) => file === s || file.startsWith(`${s}/`));

t.test('.dockerignore as Docker reads it', async (t) => {
  const ignored = ignoredBy('node_modules\n**/test\n*.md\n!schemas/**/*.md\n');
  t.ok(ignored('node_modules/x/index.js'));
  t.ok(ignored('providers/hwmon/test/a.ts'), '**/ matches at any depth');
  t.ok(ignored('CHANGES.md'));
  t.notOk(ignored('src/cimxml/README.md'), '*.md is the root only');
  t.notOk(ignored('schemas/dmtf/README.md'), 'an exception after the rule wins');
  t.notOk(ignored('scripts/bundle.mjs'));
});

t.test('every COPY source of the build stage is in the build context', async (t) => {
  const ignored = ignoredBy(read('.dockerignore'));
  const sources = buildStageCopies(read('Dockerfile'));
  t.ok(sources.includes('package.json') && sources.includes('src'), 'the COPY lines were read');
  for (const source of sources) {
    t.ok(existsSync(join(ROOT, source)), `${source} exists`);
    t.notOk(ignored(source), `${source} is not excluded by .dockerignore`);
  }
});

t.test('every local module the build runs is copied and not ignored', async (t) => {
  const dockerfile = read('Dockerfile');
  t.match(dockerfile, /^RUN npm run build\b/m, 'the build stage runs `npm run build`');
  const ignored = ignoredBy(read('.dockerignore'));
  const sources = buildStageCopies(dockerfile);
  const scripts = nodeScripts('build');
  t.ok(scripts.includes('scripts/bundle.mjs'), 'the build runs scripts/bundle.mjs');
  const modules = [...new Set(scripts.flatMap((s) => [...localImports(s)]))];
  t.ok(modules.includes('scripts/lazy-builtins.mjs'), 'and follows its imports');
  for (const file of modules) t.ok(copied(sources, file) && !ignored(file), `${file} reaches the build stage`);
});
