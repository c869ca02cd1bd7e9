import { DEFAULT_MOF_LIMITS, formatDiagnostic } from '../mof/index.js';
import { compileRepository } from '../repository/index.js';
import type { Command } from './io.js';

const USAGE = `usage: thincim mof [--namespace NS]... [--max-errors N] FILE...

Compiles and checks MOF files (includes are relative to the including file)
and prints what they declare. Errors are printed as file:line:col: message.

options:
  -n, --namespace NS   namespace of declarations outside '#pragma namespace'
                       (repeatable; default root/cimv2)
  --max-errors N       stop after N errors (default ${DEFAULT_MOF_LIMITS.maxErrors})
  -h, --help           show this help

exit status: 0 when the MOF compiles, 1 on MOF errors, 2 on usage errors
`;

interface Arguments {
  files: string[];
  namespaces: string[];
  maxErrors: number;
}

class UsageError extends Error {}

/** `thincim mof FILE...`: compile, print counts per namespace, exit 0 only without errors. */
export const run: Command = async (args, io) => {
  let parsed: Arguments | 'help';
  try {
    parsed = parseArguments(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`thincim mof: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const { repository, errors } = compileRepository(parsed.files, {
    namespaces: parsed.namespaces,
    namespaceAliases: {},
    limits: { maxErrors: parsed.maxErrors },
  });
  if (errors.length) {
    for (const e of errors) io.stderr.write(`${formatDiagnostic(e)}\n`);
    io.stderr.write(`thincim mof: ${count(errors.length, 'error')}\n`);
    return 1;
  }
  const namespaces = repository.namespaces();
  for (const ns of namespaces) {
    const counts = [
      count(repository.qualifierDeclarations(ns).size, 'qualifier'),
      count(repository.classNames(ns).length, 'class', 'classes'),
      count(repository.instances(ns).length, 'instance'),
    ].join(', ');
    io.stdout.write(namespaces.length > 1 ? `${ns}: ${counts}\n` : `${counts}\n`);
  }
  return 0;
};

function parseArguments(args: readonly string[]): Arguments | 'help' {
  const out: Arguments = { files: [], namespaces: [], maxErrors: DEFAULT_MOF_LIMITS.maxErrors };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`option '${arg}' needs a value`);
      return v;
    };
    if (arg === '--') {
      out.files.push(...args.slice(i + 1));
      break;
    } else if (arg === '-h' || arg === '--help') {
      return 'help';
    } else if (arg === '-n' || arg === '--namespace') {
      out.namespaces.push(value());
    } else if (arg === '--max-errors') {
      const text = value();
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-errors takes a positive integer, not '${text}'`);
      out.maxErrors = n;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}'`);
    } else {
      out.files.push(arg);
    }
  }
  if (out.files.length === 0) throw new UsageError('no MOF file given');
  if (out.namespaces.length === 0) out.namespaces.push('root/cimv2');
  return out;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
