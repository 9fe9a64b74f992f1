// Where the wasm backend's threads come from: Node's worker_threads (loaded synchronously through
// process.getBuiltinModule, Node >= 20.16, so importing deeptrace needs no top-level await and
// bundlers for browsers see no `node:` import), or a browser's Web Workers on a cross-origin
// isolated page (shared memory needs it). Elsewhere threads are simply off.
import type * as WorkerThreads from 'node:worker_threads';
import type * as Os from 'node:os';

/** The slice of a worker the thread pool uses. */
export interface ThreadHandle {
  unref(): void;
}

/** The worker program for each kind of thread (see worker-source.ts). */
export type WorkerSource = (flavor: 'node' | 'browser') => string;

function builtin<T>(id: string): T | undefined {
  if (typeof process === 'undefined' || typeof process.getBuiltinModule !== 'function') return undefined;
  try {
    return process.getBuiltinModule(id) as T | undefined;
  } catch {
    return undefined;
  }
}

interface BrowserGlobals {
  Worker?: new (url: string) => { postMessage(message: unknown): void };
  Blob?: new (parts: string[], options: { type: string }) => unknown;
  URL?: { createObjectURL(blob: unknown): string };
  crossOriginIsolated?: boolean;
  document?: unknown;
  navigator?: { hardwareConcurrency?: number };
}

const browser = globalThis as BrowserGlobals;

/** Web Workers sharing memory with this page: only where it is cross-origin isolated. */
function browserWorkers(): boolean {
  return typeof browser.Worker === 'function' && typeof browser.Blob === 'function' && browser.URL !== undefined && browser.crossOriginIsolated === true;
}

/** Whether worker threads can be started here. */
export function threadsSupported(): boolean {
  return builtin<typeof WorkerThreads>('node:worker_threads') !== undefined || browserWorkers();
}

/**
 * Whether this thread may block in Atomics.wait: everywhere but a browser page's main thread,
 * which must poll instead.
 */
export function canBlock(): boolean {
  return browser.document === undefined;
}

/** Cores available to this process (1 where unknown). */
export function availableCores(): number {
  const os = builtin<typeof Os>('node:os');
  if (os !== undefined) return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return browser.navigator?.hardwareConcurrency ?? 1;
}

/**
 * Starts a worker thread running `source` (plain JavaScript, no file path involved, so it works
 * from TypeScript sources, from dist/ and from a bundle alike) with `workerData`, or returns
 * undefined where threads are unavailable. A Node worker does not keep the process alive.
 */
export function startThread(source: WorkerSource, workerData: unknown): ThreadHandle | undefined {
  const threads = builtin<typeof WorkerThreads>('node:worker_threads');
  if (threads !== undefined) {
    const worker = new threads.Worker(source('node'), { eval: true, workerData });
    worker.unref();
    return worker;
  }
  if (!browserWorkers()) return undefined;
  const url = browser.URL!.createObjectURL(new browser.Blob!([source('browser')], { type: 'text/javascript' }));
  const worker = new browser.Worker!(url);
  worker.postMessage(workerData); // the module, the shared memory and the control block
  return { unref: () => undefined };
}
