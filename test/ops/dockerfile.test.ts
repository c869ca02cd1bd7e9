/**
 * The Dockerfile's build stage against the build context (no container
 * engine here): every COPY source exists and is not dropped by
 * .dockerignore, and every local module the build's scripts import is
 * copied. Two `docker build` failures came from these drifting apart: the
 * root README.md copied but ignored as `*.md`, and scripts/bundle.mjs copied
 * without the module it imports. And the image's HEALTHCHECK, run as the
 * image runs it: busybox's shell and wget (Debian's busybox here).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { loadOrCreateCertificate } from '../../src/security/index.js';

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

/** The final stage's ENTRYPOINT, in exec form, and its `apk add` packages. */
function finalStage(dockerfile: string): { entrypoint: string[]; packages: string[] } {
  const stage = dockerfile.split(/^FROM /m).at(-1)!.replace(/\\\n/g, '');
  const entrypoint = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(stage)?.[1];
  if (!entrypoint) throw new Error('no ENTRYPOINT in exec form in the final stage');
  const packages = [...stage.matchAll(/\bapk add\s+((?:--\S+\s+)*)([^&\n]*)/g)].flatMap((m) => m[2]!.trim().split(/\s+/));
  return { entrypoint: JSON.parse(entrypoint) as string[], packages };
}

// Docker and Kubernetes start the ENTRYPOINT as PID 1, and a PID 1 must reap
// every orphan: Node.js waits only for its own children, so a provider
// command's background process (its process group killed at a deadline, or
// left behind by its shell) stayed a zombie until the container stopped
// (seen under `unshare --pid --fork`: node as PID 1, `sh -c 'sleep 0.3 &'`
// left `(sleep) Z` with parent 1).
t.test('the image starts Node.js under an init that reaps orphaned processes', async (t) => {
  const { entrypoint, packages } = finalStage(read('Dockerfile'));
  t.equal(entrypoint[0], '/sbin/tini', 'PID 1 is tini (Alpine installs it as /sbin/tini)');
  t.ok(packages.includes('tini'), 'the final stage installs it');
  t.ok(entrypoint.includes('-s'), 'a subreaper also under `docker run --init`, where it is not PID 1');
  t.same(entrypoint.slice(entrypoint.indexOf('--') + 1), ['node', '/opt/thincim/bin/thincim.js'], 'then thincim, its signals forwarded');
});

// Kubernetes' `runAsNonRoot: true` (the restricted Pod Security Standard) is checked by the kubelet
// against the image's USER before the container starts, and a name cannot be checked:
// "container has runAsNonRoot and image has non-numeric user (node), cannot verify user is
// non-root" (CreateContainerConfigError; e.g. kubernetes-up-and-running/kuard#43).
t.test('the image runs as a numeric, non-root user and group', async (t) => {
  const stage = read('Dockerfile').split(/^FROM /m).at(-1)!;
  const users = [...stage.matchAll(/^USER\s+(\S+)\s*$/gm)].map((m) => m[1]!);
  t.equal(users.length, 1, 'one USER in the final stage');
  const [uid, gid] = (users[0] ?? '').split(':');
  t.match(uid, /^[1-9]\d*$/, 'a numeric user id, not 0');
  t.match(gid, /^[1-9]\d*$/, 'and a numeric group id, not 0');
  // node:*-alpine's `node` user is 1000:1000: the state folder is chowned to it.
  t.equal(users[0], '1000:1000', "the base image's node user");
  t.match(stage, /chown node:node \/var\/lib\/thincim/, 'which owns the state folder');
});

/** The HEALTHCHECK's command, as Docker hands it to `/bin/sh -c` (continuation lines joined). */
function healthCheckCommand(dockerfile: string): string {
  const joined = dockerfile.replace(/\\\n/g, '');
  const line = /^HEALTHCHECK\s.*?\bCMD\s+(.*)$/m.exec(joined);
  if (!line) throw new Error('no HEALTHCHECK … CMD line');
  return line[1]!;
}

/** A server answering every request with `status`, recording the paths asked for. */
async function answering(t: Test, status: number, tls?: { cert: string; key: string }): Promise<{ port: number; paths: string[] }> {
  const paths: string[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    paths.push(request.url ?? '');
    response.writeHead(status).end();
  };
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, paths };
}

t.test("the HEALTHCHECK, run by the image's busybox shell and wget", async (t) => {
  const command = healthCheckCommand(read('Dockerfile'));
  t.notMatch(command, /\bnode\b/, 'no Node.js process per check');
  // busybox's applets first on the path, as in the Alpine image.
  const bin = t.testdir();
  symlinkSync('/usr/bin/busybox', join(bin, 'wget'));
  const check = (env: Record<string, string>): Promise<number> => new Promise((resolve, reject) => {
    execFile('busybox', ['sh', '-c', command], { env: { PATH: `${bin}:/usr/bin:/bin`, ...env }, timeout: 10_000 }, (error) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve(error ? Number(error.code) : 0);
    });
  });

  const ok = await answering(t, 200);
  t.equal(await check({ THINCIM_HTTP_PORT: String(ok.port) }), 0, '200 from plain HTTP: healthy');
  t.same(ok.paths, ['/healthz'], 'it asks /healthz');
  const failing = await answering(t, 503);
  t.not(await check({ THINCIM_HTTP_PORT: String(failing.port) }), 0, '503: unhealthy');
  t.not(await check({ THINCIM_HTTP_PORT: String(await closedPort()) }), 0, 'nothing listening: unhealthy');
  // Docker hands its client's proxy settings to every container; busybox's wget honours http_proxy but not no_proxy.
  const deadProxy = `http://127.0.0.1:${await closedPort()}`;
  t.equal(await check({ THINCIM_HTTP_PORT: String(ok.port), http_proxy: deadProxy, https_proxy: deadProxy }), 0,
    'a proxy in the environment is not used');

  const certificate = await loadOrCreateCertificate({ stateDir: t.testdir() });
  const secure = await answering(t, 200, certificate);
  t.equal(await check({ THINCIM_HTTP_PORT: '0', THINCIM_HTTPS_PORT: String(secure.port) }), 0, 'plain HTTP off: HTTPS, self-signed certificate accepted');
  t.same(secure.paths, ['/healthz']);
});

/** A port nothing listens on: one a server had, closed again. */
async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
