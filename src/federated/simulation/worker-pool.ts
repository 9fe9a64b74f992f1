import type * as WorkerThreads from 'node:worker_threads';
import { ConfigError } from '../../errors/index.js';
import type { Message } from '../protocol/index.js';
import type { ClientContext } from './client-task.js';

/** Options of WorkerPool. */
export interface WorkerPoolOptions {
  /** Worker threads. @default the available cores */
  readonly workers?: number;
  /** Backend each worker computes on: wasm single-threaded, or the js reference. @default 'wasm' */
  readonly backend?: 'wasm' | 'js';
}

/** Why a task produced no reply. */
export class TaskFailure extends Error {
  constructor(message: string, readonly kind: 'timeout' | 'error') {
    super(message);
  }
}

interface Pending {
  readonly id: number;
  readonly message: Message;
  readonly timeoutMs: number | undefined;
  readonly resolve: (reply: unknown) => void;
  readonly reject: (error: TaskFailure) => void;
}

interface Slot {
  worker: WorkerThreads.Worker;
  task: Pending | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function workerThreads(): typeof WorkerThreads {
  const mod = typeof process === 'undefined' || typeof process.getBuiltinModule !== 'function' ? undefined : process.getBuiltinModule('node:worker_threads');
  if (mod === undefined) {
    throw new ConfigError('WorkerPool: node:worker_threads is not available here', { hint: 'pass workers: 0 to run the simulated clients on the calling thread' });
  }
  return mod as typeof WorkerThreads;
}

/**
 * Worker source that loads `entry` (a .ts file) through tsx's ESM hooks: running from the
 * TypeScript sources, a worker does not get the parent's tsx loader (tsx registers it on the
 * main thread only), so it registers its own before importing the entry.
 */
function typeScriptBootstrap(entry: string): string {
  const api = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(api)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`;
}

/** Cores available to this process. */
export function defaultWorkerCount(): number {
  const os = typeof process !== 'undefined' && typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:os') : undefined;
  return os === undefined ? 1 : Math.max(1, os.availableParallelism());
}

/**
 * Worker threads that run simulated clients. The data set reaches each worker once (shared
 * memory, no copy); afterwards a task carries only a message (global parameters + config). A
 * free worker takes the next queued task, so the load balances itself; replies are matched to
 * tasks by id, so the order of completion does not matter.
 *
 * The worker file is resolved next to this module: `worker-entry.ts` when running from the
 * TypeScript sources (tsx; workers inherit the `--import tsx` of the parent), `worker-entry.js`
 * in the compiled package.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  private crashes = 0;

  constructor(private readonly context: ClientContext, private readonly options: WorkerPoolOptions = {}) {
    const count = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(count) || count < 1 || count > 256) throw new ConfigError(`WorkerPool: workers must be an integer from 1 to 256, got ${count}`);
    for (let i = 0; i < count; i++) this.slots.push(this.spawn());
  }

  /** Worker threads in the pool. */
  get size(): number {
    return this.slots.length;
  }

  /** Runs `message` on the next free worker; rejects with a TaskFailure on a timeout or a crash. */
  run(message: Message, timeoutMs?: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new TaskFailure('WorkerPool: the pool is closed', 'error'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, message, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; queued tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new TaskFailure('WorkerPool: closed before the task ran', 'error'));
    await Promise.all(this.slots.map((slot) => {
      clearTimeout(slot.timer);
      slot.task?.reject(new TaskFailure('WorkerPool: closed while the task ran', 'error'));
      return slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const { Worker } = workerThreads();
    const workerData = { context: this.context, backend: this.options.backend ?? 'wasm' };
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(typeScriptBootstrap(new URL('./worker-entry.ts', import.meta.url).href), { eval: true, workerData })
      : new Worker(new URL('./worker-entry.js', import.meta.url), { workerData });
    const slot: Slot = { worker, task: null, timer: undefined };
    worker.on('message', (out: { id: number; reply?: unknown; error?: string }) => {
      const task = slot.task;
      if (task === null || task.id !== out.id) return; // a reply that came after its timeout
      this.finish(slot);
      if (out.error !== undefined) task.reject(new TaskFailure(out.error, 'error'));
      else task.resolve(out.reply);
    });
    worker.on('error', (error: Error) => this.crashed(slot, error.message));
    worker.on('exit', (code) => {
      if (!this.closed) this.crashed(slot, `worker exited with code ${code}`);
    });
    worker.unref();
    return slot;
  }

  private crashed(slot: Slot, why: string): void {
    const task = slot.task;
    this.finish(slot);
    task?.reject(new TaskFailure(`simulation worker crashed: ${why}`, 'error'));
    if (this.closed) return;
    void slot.worker.terminate();
    // A worker that cannot even start (a missing file, a loader problem) would crash forever.
    if (++this.crashes > 3 * this.slots.length) {
      this.closed = true;
      for (const queued of this.queue.splice(0)) queued.reject(new TaskFailure(`simulation workers keep crashing (last: ${why})`, 'error'));
      return;
    }
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.spawn();
    this.dispatch();
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = null;
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task !== null) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      if (task.timeoutMs !== undefined) {
        slot.timer = setTimeout(() => {
          // The worker keeps computing; its late reply is ignored. Restart it so the pool is free.
          slot.task = null;
          task.reject(new TaskFailure(`no reply within ${task.timeoutMs} ms`, 'timeout'));
          this.replace(slot);
        }, task.timeoutMs);
      }
      slot.worker.postMessage({ id: task.id, message: task.message });
    }
    for (const slot of this.slots) if (slot.task === null) slot.worker.unref();
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    const old = slot.worker;
    old.removeAllListeners('exit');
    void old.terminate();
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    this.dispatch();
  }
}
