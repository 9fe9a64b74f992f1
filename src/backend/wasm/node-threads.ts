// The one place the wasm backend touches Node built-ins. It loads them synchronously through
// process.getBuiltinModule (Node >= 20.16), so importing deeptrace never needs top-level
// await and bundlers for browsers see no `node:` import; elsewhere threads are simply off.
import type * as WorkerThreads from 'node:worker_threads';
import type * as Os from 'node:os';

/** The slice of a worker the thread pool uses. */
export interface ThreadHandle {
  unref(): void;
}

function builtin<T>(id: string): T | undefined {
  if (typeof process === 'undefined' || typeof process.getBuiltinModule !== 'function') return undefined;
  try {
    return process.getBuiltinModule(id) as T | undefined;
  } catch {
    return undefined;
  }
}

/** Whether worker threads can be started here. */
export function threadsSupported(): boolean {
  return builtin<typeof WorkerThreads>('node:worker_threads') !== undefined;
}

/** Cores available to this process (1 where unknown). */
export function availableCores(): number {
  const os = builtin<typeof Os>('node:os');
  if (os !== undefined) return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

/**
 * Starts a worker thread running `source` (plain CommonJS-style JavaScript, no file path
 * involved, so it works from TypeScript sources and from dist/ alike), or returns undefined
 * where threads are unavailable. The worker does not keep the process alive.
 */
export function startThread(source: string, workerData: unknown): ThreadHandle | undefined {
  const threads = builtin<typeof WorkerThreads>('node:worker_threads');
  if (threads === undefined) return undefined;
  const worker = new threads.Worker(source, { eval: true, workerData });
  worker.unref();
  return worker;
}
