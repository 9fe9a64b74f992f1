import type { GemmParams } from '../backend.js';
import { gemm as jsGemm } from '../js/gemm.js';
import type { WasmArena } from './arena.js';
import type { ClaimedScratch } from './gemm-claimed.js';
import { runClaimed } from './gemm-claimed.js';
import type { KernelExports } from './kernel-exports.js';
import type { WasmKernels } from './load.js';
import type { ResidentMemory } from './resident.js';
import type { ThreadPool } from './thread-pool.js';

/** The 17 arguments of the wasm gemm (see KernelExports.gemm). */
export type GemmJob = readonly number[];

/** What the wasm GEMM needs: kernels, arena, threads and the size thresholds. */
export interface GemmContext {
  readonly kernels: WasmKernels;
  readonly arena: WasmArena;
  readonly pool: ThreadPool | undefined;
  /** Byte address of participant i's GEMM scratch. */
  readonly scratch: readonly number[];
  /** Where claimed products keep their shared packed B (absent without threads). */
  readonly claimed?: ClaimedScratch | undefined;
  /** Rows of C in one micro-tile of the kernels (microTileRows()): row splits come in whole tiles. */
  readonly tileRows: number;
  readonly minWork: number;
  readonly minParallelWork: number;
  /** One-matrix products with at least this many multiply-adds share their work by claiming it (gemm-claimed.ts). */
  readonly minClaimedWork: number;
  /** Whether 'same' 3x3 convolutions may run by Winograd (conv.ts). */
  readonly winograd: boolean;
  /** Arrays in wasm memory, read in place instead of copied (absent without shared memory). */
  readonly resident?: ResidentMemory | undefined;
}

const nr = 8;
const align4 = (x: number): number => (x + 3) & ~3;

/** Copies `count` matrices of `size` floats, `stride` apart in `src`, contiguously to heap[at]. */
function copyIn(heap: Float32Array, at: number, src: Float32Array, offset: number, size: number, count: number, stride: number): void {
  if (count === 1 || stride === size) {
    heap.set(src.subarray(offset, offset + count * size), at);
    return;
  }
  for (let t = 0; t < count; t++) heap.set(src.subarray(offset + t * stride, offset + t * stride + size), at + t * size);
}

function copyOut(heap: Float32Array, at: number, dst: Float32Array, offset: number, size: number, count: number, stride: number): void {
  if (count === 1 || stride === size) {
    dst.set(heap.subarray(at, at + count * size), offset);
    return;
  }
  for (let t = 0; t < count; t++) dst.set(heap.subarray(at + t * size, at + (t + 1) * size), offset + t * stride);
}

/**
 * Splits one gemm job over `parts` participants: along the batch when there are enough
 * matrices (and C is not shared by them), else along the longer side of C, in whole
 * micro-tiles (NR columns or MR rows), as evenly as the tiles allow. Every
 * element of C is still computed by one thread in the same order, so results do not depend on
 * the thread count.
 *
 * The split is even: an adaptive share (the calling thread taking more when it waited) was
 * measured and dropped. Its waits are mostly the cost of handing back a result, and now and then
 * the system taking a worker's core for up to a scheduler tick; both only ever push the share
 * up, and at a 3/4 share the first layer of the MLP benchmark ran ~40 % slower than split evenly.
 */
function split(job: GemmJob, parts: number, mr: number): GemmJob[] {
  const at = (i: number): number => job[i]!;
  const [a, b, c, m, n, batch] = [at(0), at(1), at(2), at(3), at(4), at(11)];
  const jobs: GemmJob[] = [];
  const change = (changes: Record<number, number>): GemmJob => job.map((v, i) => changes[i] ?? v);
  if (batch >= parts && at(14) !== 0) {
    for (let i = 0; i < parts; i++) {
      const t0 = Math.floor((batch * i) / parts);
      const t1 = Math.floor((batch * (i + 1)) / parts);
      if (t1 > t0) jobs.push(change({ 0: a + t0 * at(12) * 4, 1: b + t0 * at(13) * 4, 2: c + t0 * at(14) * 4, 11: t1 - t0 }));
    }
  } else if (n >= m) {
    for (const [j0, j1] of shares(n, nr, parts)) jobs.push(change({ 1: b + j0 * at(9) * 4, 2: c + j0 * 4, 4: j1 - j0 }));
  } else {
    for (const [i0, i1] of shares(m, mr, parts)) jobs.push(rowSlice(job, i0, i1));
  }
  return jobs;
}

/** The part of a one-matrix gemm job that computes rows [i0, i1) of C. */
function rowSlice(job: GemmJob, i0: number, i1: number): GemmJob {
  return job.map((v, i) => (i === 0 ? v + i0 * job[6]! * 4 : i === 2 ? v + i0 * job[10]! * 4 : i === 3 ? i1 - i0 : v));
}

/** [start, end) ranges of `size` in whole tiles, one per part, as even as the tiles allow. */
function shares(size: number, tile: number, parts: number): [number, number][] {
  const per = Math.ceil(size / parts / tile) * tile;
  const ranges: [number, number][] = [];
  for (let s = 0; s < size; s += per) ranges.push([s, Math.min(size, s + per)]);
  return ranges;
}

/**
 * float32 GEMM on the wasm kernels: copies the operands into the arena, runs the blocked
 * SIMD kernel on the main thread plus ready workers, copies C back. float64 and tiny
 * problems go to the js kernel.
 */
export function wasmGemm(p: GemmParams, ctx: GemmContext): void {
  const { a, b, c, m, n, k, batch } = p;
  const work = m * n * k * batch;
  if (!(a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array) || work < ctx.minWork) {
    jsGemm(p);
    return;
  }
  // Parallel work ahead: wake the workers now, so they poll while the operands are copied in.
  if (ctx.pool !== undefined && work >= ctx.minParallelWork && m !== 1 && n !== 1) ctx.pool.prewake();
  const aCount = p.aBatchStride === 0 ? 1 : batch;
  const bCount = p.bBatchStride === 0 ? 1 : batch;
  const cCount = p.cBatchStride === 0 ? 1 : batch;
  // An operand already in wasm memory (a resident parameter) is read in place, with its own batch stride.
  const aInPlace = ctx.resident?.owns(a) === true;
  const bInPlace = ctx.resident?.owns(b) === true;
  const aLen = aInPlace ? 0 : align4(aCount * m * k);
  const bLen = bInPlace ? 0 : align4(bCount * k * n);
  const cLen = align4(cCount * m * n);
  try {
    ctx.arena.reserve((aLen + bLen + cLen) * 4);
  } catch {
    jsGemm(p); // wasm memory cannot grow that far: the js kernel has no such limit.
    return;
  }
  const heap = ctx.arena.heap;
  const area = ctx.arena.operandBase / 4;
  const aAt = aInPlace ? a.byteOffset / 4 + p.aOffset : area;
  const bAt = bInPlace ? b.byteOffset / 4 + p.bOffset : area + aLen;
  const cAt = area + aLen + bLen;
  const aStride = aCount === 1 ? 0 : aInPlace ? p.aBatchStride : m * k;
  const bStride = bCount === 1 ? 0 : bInPlace ? p.bBatchStride : k * n;
  const job: GemmJob = [
    aAt * 4, bAt * 4, cAt * 4, m, n, k,
    p.transA ? 1 : k, p.transA ? m : 1, p.transB ? 1 : n, p.transB ? k : 1, n,
    batch, aStride, bStride, cCount === 1 ? 0 : m * n,
    p.accumulate ? 1 : 0, ctx.scratch[0]!,
  ];
  const claimers = batch === 1 && m !== 1 && n !== 1 ? claimingThreads(m, work, ctx) : undefined;
  if (claimers !== undefined) {
    claimedCopying(p, job, ctx, claimers, aInPlace, bInPlace);
    return;
  }
  if (batch === 1 && !p.transA && !aInPlace && !p.accumulate && p.epilogue === undefined && m >= n && work >= ctx.minParallelWork && ctx.pool !== undefined) {
    const participants = ctx.pool.ready();
    if (participants.length > 1 && m >= 2 * ctx.tileRows * participants.length) {
      pipelinedRows(p, job, ctx, participants, heap, bInPlace);
      return;
    }
  }
  if (!aInPlace) copyIn(heap, aAt, a, p.aOffset, m * k, aCount, p.aBatchStride);
  if (!bInPlace) copyIn(heap, bAt, b, p.bOffset, k * n, bCount, p.bBatchStride);
  if (p.accumulate) copyIn(heap, cAt, c, p.cOffset, m * n, cCount, p.cBatchStride);
  if (m === 1 || n === 1) {
    matrixVector(job, batch, ctx);
  } else {
    runGemm(job, work, ctx);
  }
  if (p.epilogue === 'relu') ctx.kernels.exports.reluInPlace(cAt * 4, cCount * m * n);
  copyOut(heap, cAt, c, p.cOffset, m * n, cCount, p.cBatchStride);
}

/**
 * One row or one column of C per matrix: a matrix-vector product reading the other operand in
 * place (packing would cost as much as the product). Single-threaded: it is memory-bound.
 */
function matrixVector(job: GemmJob, batch: number, ctx: GemmContext): void {
  const [a, b, c, m, n, k, ars, acs, brs, bcs] = job as [number, number, number, number, number, number, number, number, number, number];
  const [abs, bbs, cbs, accumulate] = [job[12]!, job[13]!, job[14]!, job[15]!];
  for (let t = 0; t < batch; t++) {
    const [at, bt, ct] = [a + t * abs * 4, b + t * bbs * 4, c + t * cbs * 4];
    // m = 1: C's row = A's row (contiguous) times op(B); n = 1: C's column = op(A) times B's column.
    if (m === 1) ctx.kernels.exports.gemv(at, bt, ct, n, k, brs, bcs, accumulate);
    else ctx.kernels.exports.gemv(bt, at, ct, m, k, acs, ars, accumulate);
  }
}

/**
 * The threads that share a one-matrix product of `m` rows by claiming its row blocks, or
 * undefined where it is split evenly instead (below minClaimedWork, or too few rows for two
 * blocks per thread) or runs on one thread.
 */
function claimingThreads(m: number, work: number, ctx: GemmContext): readonly number[] | undefined {
  if (ctx.pool === undefined || ctx.claimed === undefined || work < ctx.minClaimedWork) return undefined;
  const participants = ctx.pool.ready();
  return participants.length > 1 && m >= 2 * ctx.tileRows * participants.length ? participants : undefined;
}

/** Runs one gemm job (17 arguments, see KernelExports.gemm): on the ready threads when `work` is large, else here. */
export function runGemm(job: GemmJob, work: number, ctx: GemmContext): void {
  const batch = job[11]!;
  const claimers = batch === 1 ? claimingThreads(job[3]!, work, ctx) : undefined;
  if (claimers !== undefined) {
    runClaimed(job, ctx, claimers);
    return;
  }
  const participants = ctx.pool !== undefined && work >= ctx.minParallelWork ? ctx.pool.ready() : [0];
  if (participants.length === 1) {
    ctx.kernels.exports.gemm(...(job as Parameters<KernelExports['gemm']>));
  } else if (batch >= participants.length && job[14] !== 0) {
    runSplit(job, participants, ctx);
  } else {
    // Fewer matrices than threads: split each matrix across the threads in turn.
    for (let t = 0; t < batch; t++) {
      const shift = [job[12]! * t * 4, job[13]! * t * 4, job[14]! * t * 4];
      runSplit(job.map((v, i) => (i < 3 ? v + shift[i]! : i === 11 ? 1 : v)), participants, ctx);
    }
  }
}

function runSplit(job: GemmJob, participants: readonly number[], ctx: GemmContext): void {
  const jobs = split(job, participants.length, ctx.tileRows).map((j, i) => j.map((v, slot) => (slot === 16 ? ctx.scratch[participants[i]!]! : v)));
  ctx.pool!.run(jobs.map((args) => ({ kernel: 'gemm', args })), participants.slice(0, jobs.length));
}

/**
 * A one-matrix product with claimed work (gemm-claimed.ts), its copies overlapped: B (and C to
 * add to) go in first, the threads pack B while this one copies A in, and each block of C goes
 * out (through the ReLU epilogue) as soon as it is finished.
 */
function claimedCopying(p: GemmParams, job: GemmJob, ctx: GemmContext, claimers: readonly number[], aInPlace: boolean, bInPlace: boolean): void {
  const { m, n, k } = p;
  const [aAt, bAt, cAt] = [job[0]! / 4, job[1]! / 4, job[2]! / 4];
  const heap = (): Float32Array => ctx.arena.heap;
  if (!bInPlace) copyIn(heap(), bAt, p.b as Float32Array, p.bOffset, k * n, 1, 0);
  if (p.accumulate) copyIn(heap(), cAt, p.c as Float32Array, p.cOffset, m * n, 1, 0);
  runClaimed(job, ctx, claimers, {
    ...(aInPlace ? {} : { copyInA: () => copyIn(heap(), aAt, p.a as Float32Array, p.aOffset, m * k, 1, 0) }),
    rowsDone: (r0, r1) => {
      if (p.epilogue === 'relu') ctx.kernels.exports.reluInPlace((cAt + r0 * n) * 4, (r1 - r0) * n);
      p.c.set(heap().subarray(cAt + r0 * n, cAt + r1 * n), p.cOffset + r0 * n);
    },
  });
}

/**
 * A single GEMM split by rows of C, with the copies overlapped: B goes in first, then the
 * workers' rows of A, and the workers start while this thread copies in its own rows of A; it
 * copies out its rows of C before it waits for theirs. (Without the overlap the copies, about
 * 8 % of a 512³ product, run while the workers sit idle.)
 */
function pipelinedRows(p: GemmParams, job: GemmJob, ctx: GemmContext, participants: readonly number[], heap: Float32Array, bInPlace: boolean): void {
  const { m, n, k } = p;
  const [aAt, bAt, cAt] = [job[0]! / 4, job[1]! / 4, job[2]! / 4];
  const parts = participants.length;
  const ranges = shares(m, ctx.tileRows, parts);
  if (!bInPlace) copyIn(heap, bAt, p.b as Float32Array, p.bOffset, k * n, 1, 0);
  const rowsIn = ([r0, r1]: [number, number]): void => heap.set(p.a.subarray(p.aOffset + r0 * k, p.aOffset + r1 * k), aAt + r0 * k);
  const rowsOut = ([r0, r1]: [number, number]): void => p.c.set(heap.subarray(cAt + r0 * n, cAt + r1 * n), p.cOffset + r0 * n);
  ranges.slice(1).forEach(rowsIn);
  const jobs = ranges.map(([r0, r1], slot) => ({
    kernel: 'gemm' as const,
    args: rowSlice(job, r0, r1).map((v, i) => (i === 16 ? ctx.scratch[participants[slot]!]! : v)),
  }));
  ctx.pool!.run(jobs, participants.slice(0, jobs.length), {
    before: () => rowsIn(ranges[0]!),
    after: () => rowsOut(ranges[0]!),
  });
  ranges.slice(1).forEach(rowsOut);
}
