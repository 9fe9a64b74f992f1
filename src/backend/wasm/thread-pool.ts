import { BackendError } from '../../errors/index.js';
import type { WasmKernels } from './load.js';
import { canBlock, startThread } from './threads.js';
import { controlLayout, ctlError, ctlPending, jobInts, threadKernels, workerSource } from './worker-source.js';
import type { ThreadKernel } from './worker-source.js';

/** How long the main thread sleeps between checks on its workers, in ms. */
const sliceMs = 200;
/** How long the main thread polls for its workers before it sleeps, in ms. */
const spinMs = 1;
/** After this long, a job no worker has taken is run on the main thread instead. */
const abandonAfterMs = 2000;
/** After this long, an unfinished job is an error rather than a hang. */
const failAfterMs = 120000;

/** One kernel call: the kernel and its integer arguments (byte addresses, sizes, strides). */
export interface KernelJob {
  readonly kernel: ThreadKernel;
  readonly args: readonly number[];
}

/**
 * The main thread plus up to `participants - 1` workers sharing one WebAssembly.Memory.
 * Workers start lazily on first use and join once they have instantiated the module; until
 * then work runs on the participants that are ready. `run` is synchronous: the main thread
 * takes the first job and waits for the workers (in Atomics.wait; by polling on a browser page).
 */
export class ThreadPool {
  private readonly ctl: Int32Array;
  private readonly layout: ReturnType<typeof controlLayout>;
  private started = false;
  private stopped = false;
  private readonly active: number[] = [0];
  /** Whether this thread may sleep in Atomics.wait (not on a browser page's main thread). */
  private readonly blocking = canBlock();

  constructor(
    private readonly kernels: WasmKernels,
    readonly participants: number,
  ) {
    this.layout = controlLayout(participants);
    this.ctl = new Int32Array(new SharedArrayBuffer(this.layout.ints * 4));
  }

  /** Participants ready now (0 = the main thread first); starts the workers on first call. */
  ready(): readonly number[] {
    if (!this.started) this.start();
    if (!this.stopped && this.active.length < this.participants) {
      for (let p = 1; p < this.participants; p++) {
        if (Atomics.load(this.ctl, this.layout.ready + p) === 1 && !this.active.includes(p)) this.active.push(p);
      }
    }
    return this.active;
  }

  /**
   * Blocks until every worker is ready or `timeoutMs` passes; returns the ready count. On a
   * browser page's main thread, which may not block (and whose workers start only once it
   * yields to the event loop), it returns the count at once.
   */
  waitReady(timeoutMs: number): number {
    this.ready();
    if (!this.blocking) return this.active.length;
    const deadline = Date.now() + timeoutMs;
    for (let p = 1; p < this.participants; p++) {
      const left = deadline - Date.now();
      if (left > 0) Atomics.wait(this.ctl, this.layout.ready + p, 0, left);
    }
    return this.ready().length;
  }

  /**
   * Wakes the ready workers ahead of a job (they then poll for it for a while), so that the job
   * posted after its operands are copied in does not wait for a thread to leave Atomics.wait.
   */
  prewake(): void {
    for (const p of this.active) if (p !== 0) Atomics.notify(this.ctl, this.layout.seq + p, 1);
  }

  /**
   * Runs jobs[i] on participants[i]; jobs[0] on this thread. `around.before` runs on this thread
   * once the workers have their jobs and before its own (copy in what only its own job reads),
   * `around.after` after its own job and before waiting (copy out its own results).
   */
  run(
    jobs: readonly KernelJob[],
    participants: readonly number[],
    around: { readonly before?: () => void; readonly after?: () => void } = {},
  ): void {
    this.runAlongside(jobs.slice(1), participants.slice(1), () => {
      around.before?.();
      this.runHere(jobs[0]!);
      around.after?.();
    });
  }

  /**
   * Posts workerJobs[i] to workers[i], runs `here` on this thread meanwhile, then waits for the
   * workers. Throws when a worker's kernel failed.
   */
  runAlongside(workerJobs: readonly KernelJob[], workers: readonly number[], here: () => void): void {
    const ctl = this.ctl;
    Atomics.store(ctl, ctlPending, workerJobs.length);
    workerJobs.forEach(({ kernel, args }, i) => {
      const p = workers[i]!;
      if (args.length >= jobInts) throw new BackendError(`wasm thread pool: kernel '${kernel}' got ${args.length} arguments, at most ${jobInts - 1} fit a job`);
      ctl[this.layout.job + p * jobInts] = threadKernels.indexOf(kernel);
      ctl.set(args, this.layout.job + p * jobInts + 1);
      Atomics.add(ctl, this.layout.seq + p, 1);
      Atomics.notify(ctl, this.layout.seq + p, 1);
    });
    try {
      here();
    } finally {
      this.awaitWorkers(workerJobs, workers);
    }
    if (this.workerFailed()) throw new Error('a GEMM worker thread failed');
  }

  /** Whether a worker's kernel threw since the last check (the flag is cleared by reading it). */
  workerFailed(): boolean {
    return Atomics.exchange(this.ctl, ctlError, 0) !== 0;
  }

  /**
   * Waits until every worker has finished its job. Waits in slices: a worker that has not
   * acknowledged its job after a slice is notified again (a lost wake-up must not hang the
   * process), and one that has not taken it after `abandonAfterMs` is dropped from the pool and
   * its job run here instead. A worker that took its job but never finishes is an error.
   */
  private awaitWorkers(jobs: readonly KernelJob[], workers: readonly number[]): void {
    const ctl = this.ctl;
    // Poll first: the workers' halves usually end within microseconds of ours.
    const spinEnd = performance.now() + spinMs;
    for (let i = 1; Atomics.load(ctl, ctlPending) !== 0; i++) {
      if ((i & 255) === 0 && performance.now() > spinEnd) break;
    }
    const started = Date.now();
    for (let left = Atomics.load(ctl, ctlPending); left !== 0; left = Atomics.load(ctl, ctlPending)) {
      if (this.sleepWhile(ctlPending, left, sliceMs) !== 'timed-out') continue;
      const waited = Date.now() - started;
      jobs.forEach((job, i) => {
        const p = workers[i]!;
        const seq = Atomics.load(ctl, this.layout.seq + p);
        const claimed = Atomics.load(ctl, this.layout.ack + p);
        if (claimed === seq) return;
        if (waited < abandonAfterMs) {
          Atomics.notify(ctl, this.layout.seq + p);
          return;
        }
        // Never claimed: claim it here (the worker skips a job claimed by us), retire the worker,
        // and run the job on this thread.
        if (Atomics.compareExchange(ctl, this.layout.ack + p, claimed, seq) !== claimed) return;
        Atomics.store(ctl, this.layout.seq + p, -1);
        Atomics.notify(ctl, this.layout.seq + p);
        Atomics.store(ctl, this.layout.ready + p, -2);
        this.active.splice(this.active.indexOf(p), 1);
        this.runHere(job);
        Atomics.sub(ctl, ctlPending, 1);
      });
      if (waited > failAfterMs) {
        throw new BackendError(`wasm backend: a GEMM worker thread has not finished its job after ${Math.round(waited / 1000)} s`, {
          hint: "select the js backend with setBackend('js'), or create the wasm backend with { threads: 1 }",
        });
      }
    }
  }

  /** Runs one job on the calling thread. */
  private runHere(job: KernelJob): void {
    const kernel = this.kernels.exports[job.kernel] as (...args: number[]) => void;
    kernel(...job.args);
  }

  /** Stops the workers; the pool then runs everything on the main thread. */
  dispose(): void {
    for (let p = 1; p < this.participants; p++) {
      Atomics.store(this.ctl, this.layout.seq + p, -1);
      Atomics.notify(this.ctl, this.layout.seq + p);
    }
    this.active.length = 1;
    this.started = true;
    this.stopped = true;
  }

  /**
   * Atomics.wait(ctl, slot, value, ms), or where this thread may not block (a browser page's main
   * thread) a poll of the slot for as long.
   */
  private sleepWhile(slot: number, value: number, ms: number): 'ok' | 'not-equal' | 'timed-out' {
    if (this.blocking) return Atomics.wait(this.ctl, slot, value, ms);
    const end = performance.now() + ms;
    while (Atomics.load(this.ctl, slot) === value) if (performance.now() > end) return 'timed-out';
    return 'ok';
  }

  private start(): void {
    this.started = true;
    if (this.participants <= 1) return;
    for (let index = 1; index < this.participants; index++) {
      const handle = startThread(workerSource, {
        module: this.kernels.module,
        memory: this.kernels.memory,
        control: this.ctl.buffer,
        index,
        participants: this.participants,
      });
      if (handle === undefined) return;
    }
  }
}
