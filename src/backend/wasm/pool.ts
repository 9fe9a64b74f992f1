import type { Backend, FloatArray, WindowGeometry } from '../backend.js';
import { maxPool2d as fastMaxPool2d } from './fast-window.js';
import type { GemmContext } from './gemm.js';

const isPlain2x2 = (g: WindowGeometry): boolean =>
  g.kernelH === 2 && g.kernelW === 2 && g.strideH === 2 && g.strideW === 2 && g.padTop === 0 && g.padLeft === 0 && g.dilationH === 1 && g.dilationW === 1;

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
    ctx.arena.reserve((inputs + 2 * outputs) * 4);
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
