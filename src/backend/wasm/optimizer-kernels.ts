import type { AdamCoefficients, OptimizerKernels } from '../backend.js';
import type { GemmContext } from './gemm.js';
import type { KernelJob } from './thread-pool.js';

/** Updates of fewer values than this run on the calling thread alone. */
const minParallelValues = 1 << 16;

/**
 * Optimizer kernels on wasm memory. State arrays are long-lived blocks of the (shared) memory,
 * released when the array is garbage-collected, so Adam's moments never leave wasm memory;
 * each step copies the parameter and gradient in, updates across the threads and copies the
 * parameter back (3 copies instead of the 8 reads and writes of a scalar float64 loop).
 * Only for shared memory: growing it leaves views of earlier blocks valid.
 */
export function createOptimizerKernels(ctx: GemmContext): OptimizerKernels {
  const { arena, kernels, pool } = ctx;
  const owned = new WeakSet<Float32Array>();
  const blocks = new FinalizationRegistry<{ start: number; bytes: number }>(({ start, bytes }) => arena.release(start, bytes));

  const stateArray = (length: number): Float32Array => {
    const bytes = Math.max(length, 1) * 4;
    const start = arena.allocate(bytes);
    const array = new Float32Array(kernels.memory.buffer, start, length);
    array.fill(0);
    owned.add(array);
    blocks.register(array, { start, bytes });
    return array;
  };

  const adam = (w: Float32Array, wOffset: number, g: Float32Array, gOffset: number, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): boolean => {
    if (!owned.has(m) || !owned.has(v) || m.length < n || v.length < n) return false;
    const hyperFloats = 16;
    arena.reserve((hyperFloats + 2 * n) * 4);
    const heap = arena.heap;
    const hyperAt = arena.operandBase / 4;
    const wAt = hyperAt + hyperFloats;
    const gAt = wAt + n;
    heap.set([c.beta1, c.beta2, c.l2, c.stepSize, c.invBiasCorrection2, c.eps, c.shrink], hyperAt);
    heap.set(w.subarray(wOffset, wOffset + n), wAt);
    heap.set(g.subarray(gOffset, gOffset + n), gAt);
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
    w.set(heap.subarray(wAt, wAt + n), wOffset);
    return true;
  };

  return { stateArray, owns: (array) => owned.has(array), adam };
}
