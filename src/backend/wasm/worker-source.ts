// Control block shared by the main thread and the GEMM workers (an Int32Array over a
// SharedArrayBuffer). Slot `i` of READY / SEQ / JOB belongs to participant i (0 = main).
export const ctlPending = 0;
export const ctlError = 1;
export const ctlHeader = 2;
/**
 * How long an idle worker polls for its next job before it sleeps in Atomics.wait, in ms: long
 * enough for back-to-back kernels, short enough not to take a core from the main thread and the
 * garbage collector between them (a 2 ms poll halved CNN training throughput on 2 cores).
 */
export const workerSpinMs = 0.1;
/** How long a worker polls after a wake-up that brought no job (`ThreadPool.prewake`), in ms. */
export const prewakeSpinMs = 2;
/**
 * The kernels a job may name, by index: job[0] is the index, job[1..] the kernel's arguments
 * (unused trailing slots are passed as extra arguments, which wasm ignores).
 */
export const threadKernels = ['gemm', 'gemmClaimed', 'adamUpdate', 'convForward', 'convBackward', 'convPoolForward', 'convPoolBackward'] as const;
export type ThreadKernel = (typeof threadKernels)[number];
/** Ints per job: the kernel index and up to 23 arguments. */
export const jobInts = 24;

/** Offsets of the per-participant areas for a pool of `participants`. */
export function controlLayout(participants: number): { ready: number; seq: number; ack: number; job: number; ints: number } {
  const ready = ctlHeader;
  const seq = ready + participants;
  const ack = seq + participants;
  const job = ack + participants;
  return { ready, seq, ack, job, ints: job + participants * jobInts };
}

/**
 * The worker's program: instantiate the shared kernel module on the shared memory, flag
 * READY, then forever wait for SEQ to change (polling briefly first), claim it in ACK, run the
 * job in its slot (a kernel index and its arguments) and count PENDING down (waking the main
 * thread at zero). A negative SEQ stops it. Errors set ERROR and still count down, so the main
 * thread never waits forever. In Node it reads its setup from workerData; in a browser's Web
 * Worker from its first message.
 */
export function workerSource(flavor: 'node' | 'browser' = 'node'): string {
  const start =
    flavor === 'node'
      ? "serve(require('node:worker_threads').workerData);"
      : 'self.onmessage = (event) => { self.onmessage = null; serve(event.data); };';
  return `${start}
function serve({ module, memory, control, index, participants }) {
const ctl = new Int32Array(control);
const READY = ${ctlHeader} + index, SEQ = ${ctlHeader} + participants + index;
const ACK = ${ctlHeader} + 2 * participants + index;
const JOB = ${ctlHeader} + 3 * participants + index * ${jobInts};
const SPIN_MS = ${workerSpinMs};
const PREWAKE_SPIN_MS = ${prewakeSpinMs};
let kernels;
try {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  kernels = ${JSON.stringify(threadKernels)}.map((name) => exports[name]);
  Atomics.store(ctl, READY, 1);
} catch (error) {
  Atomics.store(ctl, READY, -1); // never joins; the others run without it
}
Atomics.notify(ctl, READY);
let seq = 0;
const spinUntil = (limitMs) => {
  // Spin briefly before sleeping: the next job of a training step usually follows within a
  // millisecond, and waking from Atomics.wait costs tens to hundreds of microseconds.
  const end = performance.now() + limitMs;
  for (let i = 1; Atomics.load(ctl, SEQ) === seq; i++) {
    if ((i & 255) === 0 && performance.now() > end) return;
  }
};
let spin = SPIN_MS;
while (kernels !== undefined) {
  spinUntil(spin);
  spin = SPIN_MS;
  Atomics.wait(ctl, SEQ, seq);
  seq = Atomics.load(ctl, SEQ);
  if (seq < 0) break;
  // Claim the job: the main thread may have taken it back after waiting too long for us.
  const previous = Atomics.load(ctl, ACK);
  if (previous === seq) {
    spin = PREWAKE_SPIN_MS; // woken ahead of a job (prewake): poll for it instead of sleeping
    continue;
  }
  if (Atomics.compareExchange(ctl, ACK, previous, seq) !== previous) continue;
  try {
    kernels[ctl[JOB]](...ctl.subarray(JOB + 1, JOB + ${jobInts}));
  } catch (error) {
    Atomics.store(ctl, ${ctlError}, 1);
  }
  if (Atomics.sub(ctl, ${ctlPending}, 1) === 1) Atomics.notify(ctl, ${ctlPending});
}
}
`;
}
