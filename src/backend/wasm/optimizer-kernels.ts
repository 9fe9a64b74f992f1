import type { AdamCoefficients, OptimizerKernels } from '../backend.js';
import type { GemmContext } from './gemm.js';
import type { ResidentMemory } from './resident.js';
import type { KernelJob } from './thread-pool.js';

/** Updates of fewer values than this run on the calling thread alone. */
const minParallelValues = 1 << 16;

/**
 * Optimizer kernels on wasm memory. State arrays are resident (resident.ts), so Adam's moments
 * never leave wasm memory; a resident parameter is updated in place too, otherwise it is copied
 * in and back; the gradient is read in place when resident (a kept `.grad`), else copied in.
 * The update runs across the threads.
 */
export function createOptimizerKernels(ctx: GemmContext, resident: ResidentMemory): OptimizerKernels {
  const { arena, kernels, pool } = ctx;
  const owned = (a: Float32Array): boolean => resident.owns(a);
  const stateArray = (length: number): Float32Array => resident.array(length);

  const adam = (w: Float32Array, wOffset: number, g: Float32Array, gOffset: number, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): boolean => {
    if (!owned(m) || !owned(v) || m.length < n || v.length < n) return false;
    const hyperFloats = 16;
    const inPlace = owned(w);
    const gradInPlace = owned(g);
    try {
      arena.reserve((hyperFloats + (inPlace ? 0 : n) + (gradInPlace ? 0 : n)) * 4);
    } catch {
      return false; // wasm memory cannot grow that far: the js loop runs instead
    }
    const heap = arena.heap;
    const hyperAt = arena.operandBase / 4;
    const gAt = gradInPlace ? g.byteOffset / 4 + gOffset : hyperAt + hyperFloats;
    const wAt = inPlace ? w.byteOffset / 4 + wOffset : hyperAt + hyperFloats + (gradInPlace ? 0 : n);
    heap.set([c.beta1, c.beta2, c.l2, c.stepSize, c.invBiasCorrection2, c.eps, c.shrink], hyperAt);
    if (!gradInPlace) heap.set(g.subarray(gOffset, gOffset + n), gAt);
    if (!inPlace) heap.set(w.subarray(wOffset, wOffset + n), wAt);
    const participants = pool !== undefined && n >= minParallelValues ? pool.ready() : [0];
    const jobs: KernelJob[] = [];
    for (let i = 0; i < participants.length; i++) {
      // Whole SIMD vectors per thread; the last takes the rest.
      const from = Math.floor((n * i) / participants.length / 4) * 4;
      const to = i === participants.length - 1 ? n : Math.floor((n * (i + 1)) / participants.length / 4) * 4;
      jobs.push({ kernel: 'adamUpdate', args: [hyperAt * 4, (wAt + from) * 4, (gAt + from) * 4, m.byteOffset + from * 4, v.byteOffset + from * 4, to - from] });
    }
    if (jobs.length === 1) kernels.exports.adamUpdate(...(jobs[0]!.args as [number, number, number, number, number, number]));
    else pool!.run(jobs, participants);
    if (!inPlace) w.set(heap.subarray(wAt, wAt + n), wOffset);
    return true;
  };

  const fillZeros = (a: Float32Array): void => {
    if (owned(a)) kernels.exports.fillZeros(a.byteOffset, a.length);
    else a.fill(0);
  };

  return { stateArray, owns: owned, adam, fillZeros };
}
