// Sliding-window kernels of the wasm backend, in JavaScript (memory-bound, like elementwise):
// the same results as the js reference, with each row's in-bounds range computed once
// instead of testing every cell, and no per-cell closures.
import type { FloatArray, WindowGeometry } from '../backend.js';

/** Range [from, to) of output columns whose input column ox*strideW - padLeft + offset is inside [0, inW). */
function validColumns(g: WindowGeometry, offset: number): [number, number] {
  const shift = g.padLeft - offset; // ix = ox*strideW - shift
  const from = Math.max(0, Math.ceil(shift / g.strideW));
  const to = Math.min(g.outW, Math.floor((g.inW - 1 + shift) / g.strideW) + 1);
  return [from, Math.max(from, to)];
}

/** Unfolds [channels, inH, inW] into [channels*kernelH*kernelW, outH*outW] columns. */
export function im2col(x: FloatArray, xOffset: number, channels: number, g: WindowGeometry, cols: FloatArray): void {
  const { inH, inW, outH, outW, strideH, strideW, padTop, kernelH, kernelW, dilationH, dilationW } = g;
  if (strideH === 1 && strideW === 1 && dilationH === 1 && dilationW === 1 && outW === inW) {
    im2colSame(x, xOffset, channels, g, cols);
    return;
  }
  const plane = outH * outW;
  let rowBase = 0;
  for (let ch = 0; ch < channels; ch++) {
    const xBase = xOffset + ch * inH * inW;
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++, rowBase += plane) {
        const [from, to] = validColumns(g, kj * dilationW);
        const ixStart = from * strideW - g.padLeft + kj * dilationW;
        for (let oy = 0; oy < outH; oy++) {
          const o = rowBase + oy * outW;
          const iy = oy * strideH - padTop + ki * dilationH;
          if (iy < 0 || iy >= inH) {
            for (let ox = 0; ox < outW; ox++) cols[o + ox] = 0;
            continue;
          }
          // Plain loops, not fill(): rows are short and a builtin call per row costs more.
          for (let ox = 0; ox < from; ox++) cols[o + ox] = 0;
          const src = xBase + iy * inW + ixStart - from * strideW;
          if (strideW === 1) {
            for (let ox = from; ox < to; ox++) cols[o + ox] = x[src + ox]!;
          } else {
            for (let ox = from; ox < to; ox++) cols[o + ox] = x[src + ox * strideW]!;
          }
          for (let ox = to; ox < outW; ox++) cols[o + ox] = 0;
        }
      }
    }
  }
}

/**
 * im2col for stride 1, dilation 1 and outW = inW (e.g. 3x3 with padding 1): with equal row
 * widths, row (ch, ki, kj) of cols is the plane shifted by (ki - padTop)·inW + kj - padLeft,
 * so it is one long copy, after which the cells whose column falls outside are zeroed.
 */
function im2colSame(x: FloatArray, xOffset: number, channels: number, g: WindowGeometry, cols: FloatArray): void {
  const { inH, outH, kernelH, kernelW } = g;
  const w = g.inW;
  const plane = outH * w;
  let rowBase = 0;
  for (let ch = 0; ch < channels; ch++) {
    const xBase = xOffset + ch * inH * w;
    for (let ki = 0; ki < kernelH; ki++) {
      const dy = ki - g.padTop;
      const yFrom = Math.max(0, -dy);
      const yTo = Math.max(yFrom, Math.min(outH, inH - dy));
      for (let kj = 0; kj < kernelW; kj++, rowBase += plane) {
        const dx = kj - g.padLeft;
        const xFrom = Math.min(w, Math.max(0, -dx));
        const xTo = Math.max(xFrom, Math.min(w, w - dx));
        const end = rowBase + plane;
        if (yTo === yFrom || xTo === xFrom) {
          for (let o = rowBase; o < end; o++) cols[o] = 0;
          continue;
        }
        // Rows above and below the image, then one copy from the first to the last valid cell
        // (every read stays inside the plane), then the out-of-range columns of each row.
        const first = rowBase + yFrom * w + xFrom;
        const last = rowBase + (yTo - 1) * w + xTo;
        for (let o = rowBase; o < first; o++) cols[o] = 0;
        const shift = xBase + dy * w + dx - rowBase;
        for (let o = first; o < last; o++) cols[o] = x[o + shift]!;
        for (let o = last; o < end; o++) cols[o] = 0;
        if (xFrom > 0 || xTo < w) {
          for (let oy = yFrom; oy < yTo; oy++) {
            const r = rowBase + oy * w;
            for (let ox = 0; ox < xFrom; ox++) cols[r + ox] = 0;
            for (let ox = xTo; ox < w; ox++) cols[r + ox] = 0;
          }
        }
      }
    }
  }
}

/** Adjoint of im2col: accumulates each column entry into the pixel it was read from. */
export function col2im(cols: FloatArray, channels: number, g: WindowGeometry, x: FloatArray, xOffset: number): void {
  const { inH, inW, outH, outW, strideH, strideW, padTop, kernelH, kernelW, dilationH, dilationW } = g;
  const plane = outH * outW;
  let rowBase = 0;
  for (let ch = 0; ch < channels; ch++) {
    const xBase = xOffset + ch * inH * inW;
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++, rowBase += plane) {
        const [from, to] = validColumns(g, kj * dilationW);
        const ixStart = from * strideW - g.padLeft + kj * dilationW;
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * strideH - padTop + ki * dilationH;
          if (iy < 0 || iy >= inH) continue;
          const o = rowBase + oy * outW;
          const dst = xBase + iy * inW + ixStart - from * strideW;
          if (strideW === 1) {
            for (let ox = from; ox < to; ox++) x[dst + ox]! += cols[o + ox]!;
          } else {
            for (let ox = from; ox < to; ox++) x[dst + ox * strideW]! += cols[o + ox]!;
          }
        }
      }
    }
  }
}

/** The common 2x2, stride 2, unpadded, undilated window (every window inside the image). */
export const isPlain2x2 = (g: WindowGeometry): boolean =>
  g.kernelH === 2 && g.kernelW === 2 && g.strideH === 2 && g.strideW === 2 && g.padTop === 0 && g.padLeft === 0 && g.dilationH === 1 && g.dilationW === 1;

/** Max pooling; ties keep the first cell, NaN wins (as the reference). */
export function maxPool2d(x: FloatArray, planes: number, g: WindowGeometry, out: FloatArray, argmax: Int32Array): void {
  if (isPlain2x2(g)) {
    maxPool2x2(x, planes, g, out, argmax);
    return;
  }
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  for (let p = 0; p < planes; p++) {
    const xb = p * inPlane;
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        let best = -Infinity;
        let bestAt = -1;
        for (let ki = 0; ki < g.kernelH; ki++) {
          const iy = oy * g.strideH - g.padTop + ki * g.dilationH;
          if (iy < 0 || iy >= g.inH) continue;
          for (let kj = 0; kj < g.kernelW; kj++) {
            const ix = ox * g.strideW - g.padLeft + kj * g.dilationW;
            if (ix < 0 || ix >= g.inW) continue;
            const i = iy * g.inW + ix;
            const v = x[xb + i]!;
            if (v > best || bestAt < 0 || Number.isNaN(v)) {
              best = v;
              bestAt = i;
            }
          }
        }
        const o = p * outPlane + oy * g.outW + ox;
        out[o] = best;
        argmax[o] = bestAt;
      }
    }
  }
}

/** In-bounds cells of the window at (oy, ox), or the full kernel area when counting padding. */
function windowCount(g: WindowGeometry, oy: number, ox: number, countPadding: boolean): number {
  if (countPadding) return g.kernelH * g.kernelW;
  let rows = 0;
  for (let ki = 0; ki < g.kernelH; ki++) {
    const iy = oy * g.strideH - g.padTop + ki * g.dilationH;
    if (iy >= 0 && iy < g.inH) rows++;
  }
  let cols = 0;
  for (let kj = 0; kj < g.kernelW; kj++) {
    const ix = ox * g.strideW - g.padLeft + kj * g.dilationW;
    if (ix >= 0 && ix < g.inW) cols++;
  }
  return rows * cols;
}

/** Average pooling, summing each window in float64 in the reference's order. */
export function avgPool2d(x: FloatArray, planes: number, g: WindowGeometry, countPadding: boolean, out: FloatArray): void {
  const { inH, inW, outH, outW, strideH, strideW, padTop, padLeft, kernelH, kernelW, dilationH, dilationW } = g;
  const counts = new Float64Array(outH * outW);
  for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) counts[oy * outW + ox] = windowCount(g, oy, ox, countPadding);
  for (let p = 0; p < planes; p++) {
    const xb = p * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let sum = 0;
        for (let ki = 0; ki < kernelH; ki++) {
          const iy = oy * strideH - padTop + ki * dilationH;
          if (iy < 0 || iy >= inH) continue;
          for (let kj = 0; kj < kernelW; kj++) {
            const ix = ox * strideW - padLeft + kj * dilationW;
            if (ix >= 0 && ix < inW) sum += x[xb + iy * inW + ix]!;
          }
        }
        out[p * outH * outW + oy * outW + ox] = sum / counts[oy * outW + ox]!;
      }
    }
  }
}

/** Adjoint of avgPool2d: each window's gradient shared out over its cells, in the reference's order. */
export function avgPool2dBackward(gradOut: FloatArray, planes: number, g: WindowGeometry, countPadding: boolean, gradIn: FloatArray): void {
  const { inH, inW, outH, outW, strideH, strideW, padTop, padLeft, kernelH, kernelW, dilationH, dilationW } = g;
  for (let p = 0; p < planes; p++) {
    const ib = p * inH * inW;
    const ob = p * outH * outW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const share = gradOut[ob + oy * outW + ox]! / windowCount(g, oy, ox, countPadding);
        for (let ki = 0; ki < kernelH; ki++) {
          const iy = oy * strideH - padTop + ki * dilationH;
          if (iy < 0 || iy >= inH) continue;
          for (let kj = 0; kj < kernelW; kj++) {
            const ix = ox * strideW - padLeft + kj * dilationW;
            if (ix >= 0 && ix < inW) gradIn[ib + iy * inW + ix]! += share;
          }
        }
      }
    }
  }
}

/** The common 2x2, stride 2, unpadded max pool: every window is inside; cells in the reference's order. */
function maxPool2x2(x: FloatArray, planes: number, g: WindowGeometry, out: FloatArray, argmax: Int32Array): void {
  const { inH, inW, outH, outW } = g;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const xb = p * inH * inW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, o++) {
        const at = 2 * oy * inW + 2 * ox;
        let best = x[xb + at]!;
        let bestAt = at;
        let v = x[xb + at + 1]!;
        if (v > best || Number.isNaN(v)) {
          best = v;
          bestAt = at + 1;
        }
        v = x[xb + at + inW]!;
        if (v > best || Number.isNaN(v)) {
          best = v;
          bestAt = at + inW;
        }
        v = x[xb + at + inW + 1]!;
        if (v > best || Number.isNaN(v)) {
          best = v;
          bestAt = at + inW + 1;
        }
        out[o] = best;
        argmax[o] = bestAt;
      }
    }
  }
}
