// Whole float32 convolutions (groups = 1) on the wasm kernels (assembly/conv.ts): the operands
// are copied into the arena once, the participants claim images (or blocks of images) from a
// shared counter (im2col blocks and GEMMs in their own scratch; a thread that starts late or is
// slowed down takes fewer), and the results are copied out once. The backward pass computes the
// input, weight and bias gradients it is asked for in one pass over dL/dy. This replaces the
// JavaScript im2col / col2im and the per-chunk GEMM copies of the generic path (src/ops/conv.ts).
import type { Conv2dKernels, ConvGradients, ConvPoolReluKernels, ConvShape } from '../backend.js';
import type { GemmContext } from './gemm.js';

type ConvKernel = 'convForward' | 'convBackward' | 'convPoolForward' | 'convPoolBackward';

/**
 * Ints of the geometry block at the start of the operand area: 12 of geometry, then the image
 * counter the kernels claim from (64 bytes keep alignment).
 */
const geometryInts = 16;
const align16 = (x: number): number => (x + 15) & ~15;

/** Floats the per-block partials of the weight and bias gradients may take (16 MB). */
const partialFloats = 1 << 22;

/**
 * The first image of each block of a backward pass, and n: guided blocks, each a quarter of
 * the images left (at least 1), so that the last blocks the threads claim are single images and
 * they finish together (64 images: 16, 12, 9, 7, 5, 4, 3, 2, 2, 1, 1, 1, 1). The blocks depend on
 * n only, never on the threads. Where their partials of `stride` floats would pass partialFloats,
 * fewer equal blocks.
 */
function imageBlocks(n: number, stride: number): number[] {
  const starts = [0];
  for (let at = 0; at < n; starts.push(at)) at += Math.max(1, Math.ceil((n - at) / 4));
  const most = Math.max(2, Math.floor(partialFloats / stride));
  if (starts.length - 1 <= most) return starts;
  const count = Math.min(n, most);
  return Array.from({ length: count + 1 }, (_, b) => Math.floor((n * b) / count));
}

interface Sizes {
  readonly patch: number;
  readonly positions: number;
  /** Floats per image of x and of y. */
  readonly xImage: number;
  readonly yImage: number;
  /** Multiply-adds of the whole call. */
  readonly work: number;
}

function sizes(s: ConvShape): Sizes {
  const patch = s.cIn * s.g.kernelH * s.g.kernelW;
  const positions = s.g.outH * s.g.outW;
  return { patch, positions, xImage: s.cIn * s.g.inH * s.g.inW, yImage: s.cOut * positions, work: s.n * s.cOut * patch * positions };
}

/** Whether the kernels take this case: non-empty, and a patch that fits the column block. */
function supported(s: ConvShape, z: Sizes, ctx: GemmContext): boolean {
  return s.n > 0 && s.cOut > 0 && z.patch > 0 && z.positions > 0 && z.patch <= ctx.kernels.exports.convColumns();
}

/** Participants for a call: one per image at most, and only the calling thread for small work. */
function participants(ctx: GemmContext, images: number, work: number): readonly number[] {
  if (ctx.pool === undefined || images < 2 || work < ctx.minParallelWork) return [0];
  const ready = ctx.pool.ready();
  return ready.length > images ? ready.slice(0, images) : ready;
}

/**
 * Reserves the operand area for float regions of `lengths` after the geometry block, writes the
 * geometry, and returns the regions' float indices (undefined when memory cannot grow that far).
 */
function layout(ctx: GemmContext, s: ConvShape, lengths: readonly number[]): number[] | undefined {
  const total = geometryInts + lengths.reduce((sum, len) => sum + align16(len), 0);
  try {
    ctx.arena.reserve(total * 4);
  } catch {
    return undefined;
  }
  const base = ctx.arena.operandBase;
  const g = s.g;
  new Int32Array(ctx.arena.heap.buffer, base, 13).set([
    g.inH, g.inW, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW, g.outH, g.outW, 0,
  ]);
  let at = base / 4 + geometryInts;
  return lengths.map((len) => {
    const start = at;
    at += align16(len);
    return start;
  });
}

/**
 * Runs `kernel` with `args(slot)` (the arguments before the geometry and scratch) on each
 * participant; they share the images through the counter that `layout` zeroed.
 */
function runImages(ctx: GemmContext, kernel: ConvKernel, parts: readonly number[], args: (slot: number) => number[]): void {
  const geometry = ctx.arena.operandBase;
  const jobs = parts.map((p, slot) => ({ kernel, args: [...args(slot), geometry, ctx.scratch[p]!] }));
  if (jobs.length === 1) (ctx.kernels.exports[kernel] as (...a: number[]) => void)(...jobs[0]!.args);
  else ctx.pool!.run(jobs, parts);
}

/** Where a forward pass puts its result: y [n, cOut, outH, outW], or the fused block's pooled values and codes. */
type ForwardTarget = { readonly y: Float32Array } | { readonly pooled: Float32Array; readonly codes: Uint8Array };

function forward(
  ctx: GemmContext, x: Float32Array, xOffset: number, w: Float32Array, wOffset: number, bias: Float32Array | null, biasOffset: number,
  target: ForwardTarget, s: ConvShape,
): boolean {
  const z = sizes(s);
  // With a bias, W goes in as [cOut, patch + 1] with the bias as its last column.
  const k = z.patch + (bias === null ? 0 : 1);
  if (!supported(s, z, ctx) || k > ctx.kernels.exports.convColumns()) return false;
  const pooled = 'pooled' in target;
  if (pooled && !poolable(s, ctx)) return false;
  const outFloats = s.n * (pooled ? z.yImage / 4 : z.yImage);
  const byWinograd = winograd(ctx, s, s.cIn, s.cOut);
  const at = layout(ctx, s, [s.n * z.xImage, s.cOut * k, outFloats, pooled ? Math.ceil(outFloats / 4) : 0, byWinograd ? 16 * s.cOut * s.cIn : 0]);
  if (at === undefined) return false;
  const [xAt, wAt, yAt, codesAt, uAt] = at as [number, number, number, number, number];
  const heap = ctx.arena.heap;
  heap.set(x.subarray(xOffset, xOffset + s.n * z.xImage), xAt);
  if (bias === null) heap.set(w.subarray(wOffset, wOffset + s.cOut * z.patch), wAt);
  else {
    for (let o = 0; o < s.cOut; o++) {
      heap.set(w.subarray(wOffset + o * z.patch, wOffset + (o + 1) * z.patch), wAt + o * k);
      heap[wAt + o * k + z.patch] = bias[biasOffset + o]!;
    }
  }
  if (byWinograd) ctx.kernels.exports.winogradFilter(wAt * 4, s.cOut, s.cIn, k, 0, uAt * 4);
  const parts = participants(ctx, s.n, z.work);
  const common = [xAt * 4, wAt * 4, bias === null ? 0 : 1, yAt * 4];
  const u = byWinograd ? uAt * 4 : 0;
  if (pooled) runImages(ctx, 'convPoolForward', parts, () => [...common, codesAt * 4, s.n, s.cIn, s.cOut, u]);
  else runImages(ctx, 'convForward', parts, () => [...common, s.n, s.cIn, s.cOut, u]);
  const out = pooled ? target.pooled : target.y;
  out.set(heap.subarray(yAt, yAt + outFloats));
  if (pooled) target.codes.set(new Uint8Array(heap.buffer, codesAt * 4, outFloats));
  return true;
}

/** dL/dy, or for the fused block dL/dpooled with the forward's codes. */
type GradientSource = { readonly dy: Float32Array; readonly dyOffset: number; readonly codes?: Uint8Array };

function backward(
  ctx: GemmContext, source: GradientSource, x: Float32Array | null, xOffset: number, w: Float32Array | null, wOffset: number,
  out: ConvGradients, s: ConvShape,
): boolean {
  const z = sizes(s);
  const { dx, dw, dBias } = out;
  const codes = source.codes;
  if (!supported(s, z, ctx) || (dx !== null && w === null) || (dw !== null && x === null)) return false;
  if (codes !== undefined && !poolable(s, ctx)) return false;
  const wLen = s.cOut * z.patch;
  // The weight gradient by Winograd where the forward pass takes it: the partials then hold the
  // transformed sums [16, cOut, cIn], turned into dw once they are summed.
  const weightByWinograd = dw !== null && winograd(ctx, s, s.cIn, s.cOut);
  const weightPart = dw === null ? 0 : weightByWinograd ? 16 * s.cOut * s.cIn : wLen;
  // Each block of images gets its own partial dw and bias gradient, summed in block order:
  // the blocks depend on the sizes only, so the result does not depend on the number of
  // threads or on which thread ran which block.
  const partLen = weightPart + (dBias === null ? 0 : s.cOut);
  const stride = align16(partLen);
  const starts = imageBlocks(s.n, Math.max(stride, 1));
  const blocks = starts.length - 1;
  const dyFloats = s.n * (codes === undefined ? z.yImage : z.yImage / 4);
  // The input gradient is the 'same' convolution of dy with the flipped filters, cOut channels in and cIn out.
  const byWinograd = dx !== null && winograd(ctx, s, s.cOut, s.cIn);
  const at = layout(ctx, s, [
    dyFloats, dw === null ? 0 : s.n * z.xImage, dx === null ? 0 : wLen, dx === null ? 0 : s.n * z.xImage, blocks * stride, starts.length,
    codes === undefined ? 0 : Math.ceil(dyFloats / 4), byWinograd ? 16 * s.cOut * s.cIn : 0, weightByWinograd ? wLen : 0,
  ]);
  if (at === undefined) return false;
  const [dyAt, xAt, wAt, dxAt, partsAt, startsAt, codesAt, uAt, dwAt] = at as [number, number, number, number, number, number, number, number, number];
  const heap = ctx.arena.heap;
  heap.set(source.dy.subarray(source.dyOffset, source.dyOffset + dyFloats), dyAt);
  if (codes !== undefined) new Uint8Array(heap.buffer, codesAt * 4, dyFloats).set(codes.subarray(0, dyFloats));
  if (dw !== null) heap.set(x!.subarray(xOffset, xOffset + s.n * z.xImage), xAt);
  if (dx !== null) heap.set(w!.subarray(wOffset, wOffset + wLen), wAt);
  new Int32Array(heap.buffer, startsAt * 4, starts.length).set(starts);
  const sums = (dw === null ? 0 : 1) | (dBias === null ? 0 : 2) | (weightByWinograd ? 4 : 0);
  const work = z.work * ((dx === null ? 0 : 1) + (dw === null ? 0 : 1));
  const parts = participants(ctx, blocks, work);
  if (byWinograd) ctx.kernels.exports.winogradFilter(wAt * 4, s.cOut, s.cIn, z.patch, 1, uAt * 4);
  const rest = [xAt * 4, wAt * 4, dx === null ? 0 : dxAt * 4, partsAt * 4, stride, sums, blocks, startsAt * 4, s.cIn, s.cOut, byWinograd ? uAt * 4 : 0];
  if (codes === undefined) runImages(ctx, 'convBackward', parts, () => [dyAt * 4, ...rest]);
  else runImages(ctx, 'convPoolBackward', parts, () => [dyAt * 4, codesAt * 4, ...rest]);
  if (dx !== null) dx.set(heap.subarray(dxAt, dxAt + s.n * z.xImage));
  if (partLen > 0) {
    ctx.kernels.exports.sumBlocks(partsAt * 4, blocks, stride, partLen, partsAt * 4);
    if (weightByWinograd) {
      ctx.kernels.exports.winogradWeightOutput(partsAt * 4, s.cOut, s.cIn, dwAt * 4);
      dw!.set(heap.subarray(dwAt, dwAt + wLen));
    } else if (dw !== null) {
      dw.set(heap.subarray(partsAt, partsAt + wLen));
    }
    const bAt = partsAt + weightPart;
    if (dBias !== null) dBias.set(heap.subarray(bAt, bAt + s.cOut));
  }
  return true;
}

/**
 * Whether a convolution of `channels` planes into `outChannels` with this geometry runs by
 * Winograd: 'same' 3x3 (stride 1, dilation 1, padding 1), even sides with a width of at least 8
 * (the transforms take four tiles at a time), at least 8 channels each way (fewer leave the
 * GEMMs too thin to gain), and scratch enough for one image.
 */
function winograd(ctx: GemmContext, s: ConvShape, channels: number, outChannels: number): boolean {
  const g = s.g;
  const same3x3 = g.kernelH === 3 && g.kernelW === 3 && g.strideH === 1 && g.strideW === 1 && g.dilationH === 1 && g.dilationW === 1
    && g.padTop === 1 && g.padLeft === 1 && g.outH === g.inH && g.outW === g.inW;
  const exports = ctx.kernels.exports;
  return ctx.winograd && same3x3 && g.inH % 2 === 0 && g.inW % 2 === 0 && g.inW >= 8 && channels >= 8 && outChannels >= 8
    && exports.winogradFloats(channels, outChannels, g.inH, g.inW) <= exports.convWinogradFloats();
}

/** Whether the fused block takes this case: an even conv output whose planes fit the plane block. */
function poolable(s: ConvShape, ctx: GemmContext): boolean {
  const { outH, outW } = s.g;
  return outH % 2 === 0 && outW % 2 === 0 && s.cOut * outH * outW <= ctx.kernels.exports.convPlaneFloats();
}

/** The wasm backend's Conv2dKernels over its kernels, arena, scratch and threads. */
export function wasmConv2d(ctx: GemmContext): Conv2dKernels {
  return {
    forward: (x, xOffset, w, wOffset, bias, biasOffset, y, s) => forward(ctx, x, xOffset, w, wOffset, bias, biasOffset, { y }, s),
    backward: (dy, dyOffset, x, xOffset, w, wOffset, out, s) => backward(ctx, { dy, dyOffset }, x, xOffset, w, wOffset, out, s),
  };
}

/** The wasm backend's fused conv → 2x2 max pool → ReLU kernels (assembly/conv-pool.ts). */
export function wasmConvPoolRelu(ctx: GemmContext): ConvPoolReluKernels {
  return {
    forward: (x, xOffset, w, wOffset, bias, biasOffset, pooled, codes, s) =>
      forward(ctx, x, xOffset, w, wOffset, bias, biasOffset, { pooled, codes }, s),
    backward: (dPooled, dOffset, codes, x, xOffset, w, wOffset, out, s) =>
      backward(ctx, { dy: dPooled, dyOffset: dOffset, codes }, x, xOffset, w, wOffset, out, s),
  };
}
