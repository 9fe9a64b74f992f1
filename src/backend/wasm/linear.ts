// The gradients of a float32 dense layer (and its ReLU) in one call on the wasm kernels:
// dL/dy is copied in once, masked for the ReLU and summed for the bias there (assembly/linear.ts),
// and feeds both products. When both products are too small to split across threads, they run
// at once, one per thread, instead of one after the other on the calling thread.
import type { LinearBackwardKernels } from '../backend.js';
import type { GemmContext, GemmJob } from './gemm.js';
import { runGemm } from './gemm.js';

const align16 = (x: number): number => (x + 15) & ~15;

/** The wasm backend's LinearBackwardKernels over its kernels, arena and threads. */
export function wasmLinear(ctx: GemmContext): LinearBackwardKernels {
  return {
    backward(g, gOffset, out, outOffset, x, xOffset, w, wOffset, grads, s) {
      const { dx, dw, db } = grads;
      const { rows, inF, outF } = s;
      if ((dx !== null && w === null) || (dw !== null && x === null) || rows === 0 || inF === 0 || outF === 0) return false;
      // Wake the workers now where they will take part, so that they poll while the operands are copied in.
      const work = rows * inF * outF;
      if (work >= (dx !== null && dw !== null ? minPairedWork : ctx.minParallelWork)) ctx.pool?.prewake();
      const addToDw = dw !== null && grads.accumulate?.dw === true;
      const addToDb = db !== null && grads.accumulate?.db === true;
      const xInPlace = dw !== null && ctx.resident?.owns(x!) === true;
      const wInPlace = dx !== null && ctx.resident?.owns(w!) === true;
      // A gradient accumulated in wasm memory (a parameter's kept `.grad`) is added to by the GEMM itself.
      const dwInPlace = addToDw && ctx.resident?.owns(dw) === true;
      const lengths = [
        rows * outF, out === null ? 0 : rows * outF, dw === null || xInPlace ? 0 : rows * inF, dx === null || wInPlace ? 0 : outF * inF,
        dx === null ? 0 : rows * inF, dw === null || dwInPlace ? 0 : outF * inF, db === null ? 0 : outF,
      ];
      try {
        ctx.arena.reserve(lengths.reduce((sum, len) => sum + align16(len), 0) * 4);
      } catch {
        return false; // wasm memory cannot grow that far: the caller takes the separate ops
      }
      let next = ctx.arena.operandBase / 4;
      const [gAt, outAt, xAt, wAt, dxAt, dwAt, dbAt] = lengths.map((len) => {
        const start = next;
        next += align16(len);
        return start;
      }) as [number, number, number, number, number, number, number];
      const heap = ctx.arena.heap;
      const exports = ctx.kernels.exports;
      heap.set(g.subarray(gOffset, gOffset + rows * outF), gAt);
      if (out !== null) {
        heap.set(out.subarray(outOffset, outOffset + rows * outF), outAt);
        exports.reluMask(gAt * 4, outAt * 4, rows * outF);
      }
      const xFrom = xInPlace ? x!.byteOffset / 4 + xOffset : xAt;
      const wFrom = wInPlace ? w!.byteOffset / 4 + wOffset : wAt;
      const dwTo = dwInPlace ? dw.byteOffset / 4 : dwAt;
      if (dw !== null && !xInPlace) heap.set(x!.subarray(xOffset, xOffset + rows * inF), xAt);
      if (dx !== null && !wInPlace) heap.set(w!.subarray(wOffset, wOffset + outF * inF), wAt);
      if (addToDw && !dwInPlace) heap.set(dw.subarray(0, outF * inF), dwAt);
      if (db !== null) exports.columnSums(gAt * 4, rows, outF, dbAt * 4);
      // dx [rows, inF] = g · W and dW [outF, inF] (+)= gᵀ · x (see KernelExports.gemm for the arguments).
      const jobs: { job: GemmJob; work: number }[] = [];
      if (dx !== null) jobs.push({ job: [gAt * 4, wFrom * 4, dxAt * 4, rows, inF, outF, outF, 1, inF, 1, inF, 1, 0, 0, 0, 0, ctx.scratch[0]!], work });
      if (dw !== null) jobs.push({ job: [gAt * 4, xFrom * 4, dwTo * 4, outF, inF, rows, 1, outF, inF, 1, inF, 1, 0, 0, 0, addToDw ? 1 : 0, ctx.scratch[0]!], work });
      runProducts(ctx, jobs);
      if (dx !== null) dx.set(heap.subarray(dxAt, dxAt + rows * inF));
      if (dw !== null && !dwInPlace) dw.set(heap.subarray(dwAt, dwAt + outF * inF));
      if (db !== null && addToDb) for (let j = 0; j < outF; j++) db[j] += heap[dbAt + j]!;
      else if (db !== null) db.set(heap.subarray(dbAt, dbAt + outF));
      return true;
    },
  };
}

/**
 * Multiply-adds below which a product is not worth a thread: handing work to a worker costs
 * microseconds, and now and then, when the system takes its core, milliseconds.
 */
const minPairedWork = 2 ** 20;

/** Two mid-sized products at once on two threads; otherwise each on its own, split across the threads when large. */
function runProducts(ctx: GemmContext, jobs: readonly { job: GemmJob; work: number }[]): void {
  const ready = ctx.pool?.ready() ?? [0];
  if (jobs.length === 2 && ready.length > 1 && jobs.every((j) => j.work < ctx.minParallelWork && j.work >= minPairedWork)) {
    const slots = ready.slice(0, 2);
    ctx.pool!.run(jobs.map(({ job }, i) => ({ kernel: 'gemm' as const, args: job.map((v, at) => (at === 16 ? ctx.scratch[slots[i]!]! : v)) })), slots);
    return;
  }
  for (const { job, work } of jobs) runGemm(job, work, ctx);
}
