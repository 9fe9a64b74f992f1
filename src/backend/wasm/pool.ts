import type { Backend, FloatArray, WindowGeometry } from '../backend.js';
import { maxPool2d as fastMaxPool2d, isPlain2x2 } from './fast-window.js';
import type { GemmContext } from './gemm.js';

/**
 * Max pooling with the 2x2, stride-2, unpadded float32 case on the SIMD kernel (assembly/pool.ts:
 * branch-free selects, where the scalar loop mispredicts about every other comparison) and every
 * other case on the specialized js loops. Same values and argmax as the reference.
 */
export function wasmMaxPool2d(ctx: GemmContext): Backend['maxPool2d'] {
  return (x: FloatArray, planes: number, g: WindowGeometry, out: FloatArray, argmax: Int32Array): void => {
    if (!(x instanceof Float32Array) || !isPlain2x2(g) || out.length === 0) {
      fastMaxPool2d(x, planes, g, out, argmax);
      return;
    }
    const inputs = planes * g.inH * g.inW;
    const outputs = planes * g.outH * g.outW;
    try {
      ctx.arena.reserve((inputs + 2 * outputs) * 4);
    } catch {
      fastMaxPool2d(x, planes, g, out, argmax); // wasm memory cannot grow that far
      return;
    }
    const heap = ctx.arena.heap;
    const xAt = ctx.arena.operandBase / 4;
    const outAt = xAt + inputs;
    const argAt = outAt + outputs;
    heap.set(x.subarray(0, inputs), xAt);
    ctx.kernels.exports.maxPool2x2(xAt * 4, outAt * 4, argAt * 4, planes, g.inH, g.inW);
    out.set(heap.subarray(outAt, outAt + outputs));
    argmax.set(new Int32Array(heap.buffer, argAt * 4, outputs));
  };
}
