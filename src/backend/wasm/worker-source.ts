// Control block shared by the main thread and the GEMM workers (an Int32Array over a
// SharedArrayBuffer). Slot `i` of READY / SEQ / JOB belongs to participant i (0 = main).
export const ctlPending = 0;
export const ctlError = 1;
export const ctlHeader = 2;
/** Ints per job: the 17 arguments of the wasm gemm. */
export const jobInts = 17;

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
 * READY, then forever wait for SEQ to change, claim it in ACK, run the gemm job in its
 * slot and count PENDING down (waking the main thread at zero). A negative SEQ stops it. Errors set ERROR and still
 * count down, so the main thread never waits forever.
 */
export function workerSource(): string {
  return `
const { workerData } = require('node:worker_threads');
const { module, memory, control, index, participants } = workerData;
const ctl = new Int32Array(control);
const READY = ${ctlHeader} + index, SEQ = ${ctlHeader} + participants + index;
const ACK = ${ctlHeader} + 2 * participants + index;
const JOB = ${ctlHeader} + 3 * participants + index * ${jobInts};
let gemm;
try {
  gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
  Atomics.store(ctl, READY, 1);
} catch (error) {
  Atomics.store(ctl, READY, -1); // never joins; the others run without it
}
Atomics.notify(ctl, READY);
let seq = 0;
while (gemm !== undefined) {
  Atomics.wait(ctl, SEQ, seq);
  seq = Atomics.load(ctl, SEQ);
  if (seq < 0) break;
  // Claim the job: the main thread may have taken it back after waiting too long for us.
  const previous = Atomics.load(ctl, ACK);
  if (previous === seq || Atomics.compareExchange(ctl, ACK, previous, seq) !== previous) continue;
  try {
    const j = JOB;
    gemm(ctl[j], ctl[j + 1], ctl[j + 2], ctl[j + 3], ctl[j + 4], ctl[j + 5], ctl[j + 6], ctl[j + 7], ctl[j + 8],
      ctl[j + 9], ctl[j + 10], ctl[j + 11], ctl[j + 12], ctl[j + 13], ctl[j + 14], ctl[j + 15], ctl[j + 16]);
  } catch (error) {
    Atomics.store(ctl, ${ctlError}, 1);
  }
  if (Atomics.sub(ctl, ${ctlPending}, 1) === 1) Atomics.notify(ctl, ${ctlPending});
}
`;
}
