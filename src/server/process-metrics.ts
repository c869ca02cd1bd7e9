/**
 * The Node.js process metrics an operator watches, under the names
 * prom-client's default metrics gave them (after `prefix`), so dashboards
 * keep working. Everything is read at scrape time except the GC histogram,
 * which a PerformanceObserver fills as collections happen (a few per minute
 * at idle). Not kept: the event-loop delay percentiles (min, max, mean,
 * stddev, p50, p90, p99), which need a sampling timer every 10 ms even at
 * idle, the active handles and requests, read through undocumented APIs, and
 * prom-client's nodejs_active_resources_total: a gauge named like a counter
 * (promtool: non-counter metrics should not have "_total" suffix) that
 * sum(nodejs_active_resources) gives from the same scrape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Registry } from './prometheus.js';

const GC_BUCKETS = [0.001, 0.01, 0.1, 1, 2, 5];
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Defines the process families on `registry`; returns a function that stops the GC observer. */
export function processMetrics(registry: Registry, prefix: string): () => void {
  let cpu = process.cpuUsage();
  let memory = process.memoryUsage();
  let status: ProcStatus | undefined;
  registry.beforeScrape(() => {
    cpu = process.cpuUsage();
    memory = process.memoryUsage();
    status = procStatus();
  });
  const value = (type: 'counter' | 'gauge', name: string, help: string, read: () => number | undefined) =>
    registry.collected(type, prefix + name, help, [], (emit) => {
      const v = read();
      if (v !== undefined) emit(v);
    });

  value('counter', 'process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', () => cpu.user / 1e6);
  value('counter', 'process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.', () => cpu.system / 1e6);
  value('counter', 'process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', () => (cpu.user + cpu.system) / 1e6);
  value('gauge', 'process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', () => performance.timeOrigin / 1000);
  value('gauge', 'process_resident_memory_bytes', 'Resident memory size in bytes.', () => status?.VmRSS ?? memory.rss);
  value('gauge', 'process_virtual_memory_bytes', 'Virtual memory size in bytes.', () => status?.VmSize);
  value('gauge', 'process_heap_bytes', 'Process heap size in bytes.', () => status?.VmData);
  value('gauge', 'process_open_fds', 'Number of open file descriptors.', openFds);
  const maxFds = readMaxFds();
  value('gauge', 'process_max_fds', 'Maximum number of open file descriptors.', () => maxFds);
  eventLoopLag(registry, prefix);
  activeResources(registry, prefix);
  value('gauge', 'nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', () => memory.heapTotal);
  value('gauge', 'nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', () => memory.heapUsed);
  value('gauge', 'nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', () => memory.external);
  heapSpaces(registry, prefix);
  const [major = '', minor = '', patch = ''] = process.versions.node.split('.');
  registry.collected('gauge', `${prefix}nodejs_version_info`, 'Node.js version info.', ['version', 'major', 'minor', 'patch'], (emit) => emit(1, process.version, major, minor, patch));
  return gcDurations(registry, prefix);
}

/** The scheduling delay of a callback queued now: measured before each scrape is written, so it is this scrape's. */
function eventLoopLag(registry: Registry, prefix: string): void {
  const lag = registry.gauge(`${prefix}nodejs_eventloop_lag_seconds`, 'Lag of event loop in seconds.');
  registry.beforeScrape(() => new Promise<void>((resolve) => {
    const start = process.hrtime.bigint();
    setImmediate(() => {
      lag.set(Number(process.hrtime.bigint() - start) / 1e9);
      resolve();
    });
  }));
}

function activeResources(registry: Registry, prefix: string): void {
  registry.collected('gauge', `${prefix}nodejs_active_resources`, 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.', ['type'], (emit) => {
    const counts = new Map<string, number>();
    for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
    for (const [type, n] of counts) emit(n, type);
  });
}

/** One V8 heap space statistic per family; the space named as prom-client named it (`old`, not `old_space`). */
function heapSpaces(registry: Registry, prefix: string): void {
  let spaces = getHeapSpaceStatistics();
  registry.beforeScrape(() => { spaces = getHeapSpaceStatistics(); });
  const fields = [['total', 'space_size'], ['used', 'space_used_size'], ['available', 'space_available_size']] as const;
  for (const [name, field] of fields) {
    registry.collected('gauge', `${prefix}nodejs_heap_space_size_${name}_bytes`, `Process heap space size ${name} from Node.js in bytes.`, ['space'], (emit) => {
      for (const space of spaces) emit(space[field], space.space_name.replace(/_space$/, ''));
    });
  }
}

function gcDurations(registry: Registry, prefix: string): () => void {
  const histogram = registry.histogram(`${prefix}nodejs_gc_duration_seconds`, 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.', GC_BUCKETS, ['kind']);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1];
      if (kind !== undefined) histogram.labels(kind).observe(entry.duration / 1000);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

interface ProcStatus {
  VmRSS?: number;
  VmSize?: number;
  VmData?: number;
}

/** Memory sizes from /proc/self/status in bytes (Linux; undefined elsewhere). Reading /proc never blocks. */
function procStatus(): ProcStatus | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return undefined;
  }
  const status: ProcStatus = {};
  for (const m of text.matchAll(/^(VmRSS|VmSize|VmData):\s*(\d+) kB$/gm)) status[m[1] as keyof ProcStatus] = Number(m[2]) * 1024;
  return status;
}

function openFds(): number | undefined {
  try {
    // Less the descriptor readdirSync itself had open.
    return readdirSync('/proc/self/fd').length - 1;
  } catch {
    return undefined;
  }
}

/** The soft limit on open files, from /proc/self/limits (Linux). */
function readMaxFds(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}
