import type { FloatArray, WindowGeometry } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { DTypeError, ShapeError, formatShape } from '../errors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { indexSelect } from './index-ops.js';
import { reshape } from './shape.js';
import { checkTensor, contiguousData, empty } from './util.js';
import type { Pair } from './window.js';
import { pair, windowGeometry } from './window.js';

export interface Pool2dOptions {
  /** @default the kernel size */
  readonly stride?: Pair;
  /** Zero-width border on each side (at most half the kernel). @default 0 */
  readonly padding?: Pair;
}

export interface MaxPool2dOptions extends Pool2dOptions {
  /** @default 1 */
  readonly dilation?: Pair;
}

export interface AvgPool2dOptions extends Pool2dOptions {
  /** Whether padded cells count in the divisor. @default true (as PyTorch) */
  readonly countIncludePad?: boolean;
}

function poolSetup(op: string, x: Tensor, kernelSize: Pair, options: MaxPool2dOptions): { planes: number; g: WindowGeometry } {
  checkTensor(x, 'input', op);
  if (x.ndim !== 3 && x.ndim !== 4) throw new ShapeError(`${op}: expected input [N,C,H,W] or [C,H,W], got ${formatShape(x.shape)}`);
  if (x.dtype === 'int32') throw new DTypeError(`${op}: expected a float tensor, got int32`, { hint: "cast first: x.cast('float32')" });
  const kernel = pair(op, 'kernelSize', kernelSize, 1);
  const padding = pair(op, 'padding', options.padding ?? 0, 0);
  if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
    throw new ShapeError(`${op}: padding ${JSON.stringify(options.padding)} must be at most half the kernel ${JSON.stringify(kernelSize)}`);
  }
  const g = windowGeometry(op, x.shape, kernel, {
    stride: options.stride ?? kernelSize,
    padding,
    dilation: options.dilation ?? 1,
  });
  return { planes: x.size / (g.inH * g.inW), g };
}

function outShape(x: Tensor, g: WindowGeometry): number[] {
  return [...x.shape.slice(0, -2), g.outH, g.outW];
}

/** Max over each window; the gradient goes to the position of the max. */
export const maxPool2d = defineOp('maxPool2d', (input: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): Tensor => {
  const { planes, g } = poolSetup('maxPool2d', input, kernelSize, options);
  const x = contiguousData(input);
  const out = empty(outShape(input, g), input.dtype);
  const argmax = new Int32Array(out.size);
  getBackend().maxPool2d(x.storage.subarray(x.offset) as FloatArray, planes, g, out.storage as FloatArray, argmax);
  return recordGrad('maxPool2d', out, [input], (gradOut) => {
    const gOut = contiguousData(gradOut);
    const gradIn = empty(input.shape, input.dtype);
    getBackend().maxPool2dBackward(gOut.storage.subarray(gOut.offset) as FloatArray, argmax, planes, g, gradIn.storage as FloatArray);
    // Recorded for createGraph: the adjoint of scattering to the argmax cells is reading them back.
    return [recordGrad('maxPool2dBackward', gradIn, [gradOut], (gg) => {
      const inPlane = g.inH * g.inW;
      const outPlane = g.outH * g.outW;
      const positions = Array.from(argmax, (at, o) => Math.floor(o / outPlane) * inPlane + at);
      return [reshape(indexSelect(reshape(gg, [-1]), 0, positions), out.shape)];
    })];
  });
});

/** Mean over each window. */
export const avgPool2d = defineOp('avgPool2d', (input: Tensor, kernelSize: Pair, options: AvgPool2dOptions = {}): Tensor => {
  const { planes, g } = poolSetup('avgPool2d', input, kernelSize, options);
  const countPadding = options.countIncludePad ?? true;
  const x = contiguousData(input);
  const out = empty(outShape(input, g), input.dtype);
  getBackend().avgPool2d(x.storage.subarray(x.offset) as FloatArray, planes, g, countPadding, out.storage as FloatArray);
  return recordGrad('avgPool2d', out, [input], (gradOut) => {
    const gOut = contiguousData(gradOut);
    const gradIn = empty(input.shape, input.dtype);
    getBackend().avgPool2dBackward(gOut.storage.subarray(gOut.offset) as FloatArray, planes, g, countPadding, gradIn.storage as FloatArray);
    // Recorded for createGraph: the adjoint of this (linear) backward is the forward pool again.
    return [recordGrad('avgPool2dBackward', gradIn, [gradOut], (gg) => [avgPool2d(gg, kernelSize, options)])];
  });
});
