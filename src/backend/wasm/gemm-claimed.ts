// One GEMM on all ready threads, its work claimed as they go (assembly/gemm-claimed.ts): every
// thread packs panels of B, then claims blocks of rows of C. A thread that starts late, or whose
// core the system takes for a while, computes fewer blocks instead of holding up the others; the
// calling thread copies each finished block out while the others still compute.
import { BackendError } from '../../errors/index.js';
import type { WasmArena } from './arena.js';
import type { GemmContext, GemmJob } from './gemm.js';

/** The kernel's largest block (its MC). */
const maxBlockRows = 120;
/** After this long waiting for B's panels, an error rather than a hang. */
const failAfterMs = 120000;

/** The long-lived wasm block holding the shared packed B and the control block, grown when a product needs more. */
export class ClaimedScratch {
  private start = 0;
  private size = 0;

  constructor(private readonly arena: WasmArena) {}

  /** Address of at least `bytes` bytes (64-byte aligned); throws RangeError when memory cannot grow that far. */
  ensure(bytes: number): number {
    if (bytes <= this.size) return this.start;
    if (this.size > 0) this.arena.release(this.start, this.size);
    this.size = 0;
    const size = bytes + Math.ceil(bytes / 8);
    this.start = this.arena.allocate(size);
    this.size = size;
    return this.start;
  }
}

/** What the caller does around the product: copy A in while the threads pack B, and take each block of C as it is finished. */
export interface ClaimedCopies {
  /** Copies op(A) into wasm memory; the threads start on C only after it returns. */
  readonly copyInA?: () => void;
  /** Rows [r0, r1) of C are final: copy them out (called once per block, on this thread). */
  readonly rowsDone?: (r0: number, r1: number) => void;
}

/**
 * First rows of the claimed blocks of an m-row product, then m: guided self-scheduling (Polychronopoulos
 * & Kuck 1987), each block a 1/(2·parts) share of the rows left, in whole micro-tiles, at most the
 * kernel's MC rows. Large blocks first keep packing cheap; small ones last shorten the wait for the
 * thread that finishes last.
 */
export function claimedBlockStarts(m: number, tileRows: number, parts: number): number[] {
  const largest = Math.floor(maxBlockRows / tileRows) * tileRows;
  const starts = [0];
  for (let at = 0; at < m; ) {
    const share = Math.ceil((m - at) / (2 * parts) / tileRows) * tileRows;
    at = Math.min(m, at + Math.min(largest, Math.max(tileRows, share)));
    starts.push(at);
  }
  return starts;
}

/**
 * Runs a one-matrix gemm job (the 17 arguments of KernelExports.gemm, batch 1) on `participants`
 * (0 = this thread first) with claimed work. B (and C when accumulating) must be in wasm memory
 * already; A too unless `copies.copyInA` puts it there.
 */
export function runClaimed(job: GemmJob, ctx: GemmContext, participants: readonly number[], copies: ClaimedCopies = {}): void {
  const at = (i: number): number => job[i]!;
  const [m, n, k] = [at(3), at(4), at(5)];
  const exports = ctx.kernels.exports;
  const starts = claimedBlockStarts(m, ctx.tileRows, participants.length);
  const blocks = starts.length - 1;
  const packedBytes = exports.claimedPackedBytes(n, k);
  // Control block: four counters, a done flag per block, then the blocks' first rows and m.
  const controlInts = 4 + blocks + starts.length;
  const packed = ctx.claimed!.ensure(packedBytes + 4 * controlInts);
  const control = packed + packedBytes;
  const ints = new Int32Array(ctx.kernels.memory.buffer, control, controlInts);
  ints.fill(0, 0, 4 + blocks);
  ints.set(starts, 4 + blocks);
  if (copies.copyInA === undefined) ints[3] = 1;
  const args = (scratch: number, oneBlock: number): number[] => [
    ...job.slice(0, 11), at(15), scratch, packed, control, blocks, oneBlock,
  ];
  const rowsDone = copies.rowsDone;
  const taken = new Uint8Array(blocks);
  const take = (r: number): void => {
    taken[r] = 1;
    rowsDone!(starts[r]!, starts[r + 1]!);
  };
  const workers = participants.slice(1);
  ctx.pool!.runAlongside(workers.map((p) => ({ kernel: 'gemmClaimed', args: args(ctx.scratch[p]!, 0) })), workers, () => {
    if (copies.copyInA !== undefined) {
      copies.copyInA();
      Atomics.store(ints, 3, 1);
    }
    const started = Date.now();
    const mine = args(ctx.scratch[participants[0]!]!, rowsDone === undefined ? 0 : 1) as Parameters<typeof exports.gemmClaimed>;
    for (;;) {
      const r = exports.gemmClaimed(...mine);
      if (r === -2) {
        // B's panels are not all packed yet: a worker holds a claim but has not finished it.
        if (ctx.pool!.workerFailed()) throw new Error('a GEMM worker thread failed');
        if (Date.now() - started > failAfterMs) throw new BackendError(`wasm backend: a GEMM worker thread has not packed its part of B after ${failAfterMs / 1000} s`);
        continue;
      }
      if (r < 0 || rowsDone === undefined) break;
      take(r);
      // Blocks the workers have finished meanwhile go out between this thread's own.
      for (let q = 0; q < blocks; q++) if (taken[q] === 0 && Atomics.load(ints, 4 + q) === 1) take(q);
    }
  });
  if (rowsDone !== undefined) for (let q = 0; q < blocks; q++) if (taken[q] === 0) take(q);
}
