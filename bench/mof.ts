/**
 * MOF compile time and memory: the project's schema (schemas/) and the full
 * DMTF CIM Schema 2.49.0 (../shared/reference/cim-schema), each split into
 * parsing (compileMof) and resolution, with the heap the resolved repository
 * keeps and the process RSS.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileMof } from '../src/mof/index.js';
import { Repository, resolveDeclarations } from '../src/repository/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PROJECT = fileURLToPath(new URL('../schemas/thincim.mof', import.meta.url));
const DMTF = fileURLToPath(new URL('../../shared/reference/cim-schema/cim_schema_2.49.0.mof', import.meta.url));
if (!existsSync(DMTF)) throw new Error(`the DMTF schema is missing: ${DMTF}`);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function load(entry: string, namespaces: string[]): { repository: Repository; files: number; parseMs: number; resolveMs: number } {
  const t0 = performance.now();
  const compiled = compileMof(entry);
  const t1 = performance.now();
  const resolution = resolveDeclarations(compiled.declarations, { namespaces });
  const t2 = performance.now();
  if (compiled.errors.length || resolution.errors.length) throw new Error(`${entry}: the schema has errors`);
  return { repository: new Repository(resolution.namespaces), files: compiled.files.length, parseMs: t1 - t0, resolveMs: t2 - t1 };
}

/** The heap one loaded repository keeps (declarations and everything else freed). */
function retainedHeap(entry: string, namespaces: string[]): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const { repository } = load(entry, namespaces);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (repository.namespaces().length === 0) throw new Error('nothing loaded');
  return after - before;
}

function measure(label: string, entry: string, runs: number, namespaces: string[]): void {
  const retained = retainedHeap(entry, namespaces);
  const results = Array.from({ length: runs }, () => load(entry, namespaces));
  const { repository, files } = results[0]!;
  const parse = results.map((r) => r.parseMs);
  const resolve = results.map((r) => r.resolveMs);
  console.log(`${label}: ${files} files, ${repository.classNames(namespaces[0]!).length} classes, ${namespaces.length} namespace(s), median of ${runs} runs`);
  console.log(`  parse (compileMof)    ${median(parse).toFixed(1).padStart(8)} ms`);
  console.log(`  resolve               ${median(resolve).toFixed(1).padStart(8)} ms`);
  console.log(`  total                 ${median(results.map((r) => r.parseMs + r.resolveMs)).toFixed(1).padStart(8)} ms`);
  console.log(`  heap kept by the repository  ${mb(retained)}`);
  console.log(`  process RSS                  ${mb(process.memoryUsage().rss)}`);
}

measure('schemas/ (project)', PROJECT, 10, ['root/cimv2', 'root/interop']);
measure('DMTF CIM Schema 2.49.0', DMTF, 5, ['root/cimv2']);
