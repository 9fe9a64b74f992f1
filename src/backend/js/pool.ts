import type { FloatArray, WindowGeometry } from '../backend.js';

/** Calls `visit(outIndex, iy, ix)` for every in-bounds input cell of every window of one plane. */
function forEachWindow(g: WindowGeometry, start: (o: number) => void, visit: (o: number, i: number) => void): void {
  for (let oy = 0; oy < g.outH; oy++) {
    for (let ox = 0; ox < g.outW; ox++) {
      const o = oy * g.outW + ox;
      start(o);
      for (let ki = 0; ki < g.kernelH; ki++) {
        const iy = oy * g.strideH - g.padTop + ki * g.dilationH;
        if (iy < 0 || iy >= g.inH) continue;
        for (let kj = 0; kj < g.kernelW; kj++) {
          const ix = ox * g.strideW - g.padLeft + kj * g.dilationW;
          if (ix < 0 || ix >= g.inW) continue;
          visit(o, iy * g.inW + ix);
        }
      }
    }
  }
}

export function maxPool2d(x: FloatArray, planes: number, g: WindowGeometry, out: FloatArray, argmax: Int32Array): void {
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  for (let p = 0; p < planes; p++) {
    const xb = p * inPlane;
    const ob = p * outPlane;
    let best = -Infinity;
    let bestAt = -1;
    forEachWindow(
      g,
      (o) => {
        best = -Infinity;
        bestAt = -1;
        out[ob + o] = -Infinity;
        argmax[ob + o] = -1;
      },
      (o, i) => {
        const v = x[xb + i]!;
        if (v > best || bestAt < 0 || Number.isNaN(v)) {
          best = v;
          bestAt = i;
        }
        out[ob + o] = best;
        argmax[ob + o] = bestAt;
      },
    );
  }
}

export function maxPool2dBackward(
  gradOut: FloatArray,
  argmax: Int32Array,
  planes: number,
  g: WindowGeometry,
  gradIn: FloatArray,
): void {
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  for (let p = 0; p < planes; p++) {
    for (let o = 0; o < outPlane; o++) {
      const at = argmax[p * outPlane + o]!;
      if (at >= 0) gradIn[p * inPlane + at]! += gradOut[p * outPlane + o]!;
    }
  }
}

/** Divisor of each window: its full kernel area, or only its in-bounds cells. */
function windowCounts(g: WindowGeometry, countPadding: boolean): Float64Array {
  const counts = new Float64Array(g.outH * g.outW);
  if (countPadding) return counts.fill(g.kernelH * g.kernelW);
  forEachWindow(g, () => undefined, (o) => {
    counts[o]!++;
  });
  return counts;
}

export function avgPool2d(x: FloatArray, planes: number, g: WindowGeometry, countPadding: boolean, out: FloatArray): void {
  const counts = windowCounts(g, countPadding);
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  const sums = new Float64Array(outPlane);
  for (let p = 0; p < planes; p++) {
    const xb = p * inPlane;
    sums.fill(0);
    forEachWindow(g, () => undefined, (o, i) => {
      sums[o]! += x[xb + i]!;
    });
    for (let o = 0; o < outPlane; o++) out[p * outPlane + o] = sums[o]! / counts[o]!;
  }
}

export function avgPool2dBackward(
  gradOut: FloatArray,
  planes: number,
  g: WindowGeometry,
  countPadding: boolean,
  gradIn: FloatArray,
): void {
  const counts = windowCounts(g, countPadding);
  const inPlane = g.inH * g.inW;
  const outPlane = g.outH * g.outW;
  for (let p = 0; p < planes; p++) {
    const ib = p * inPlane;
    const ob = p * outPlane;
    forEachWindow(g, () => undefined, (o, i) => {
      gradIn[ib + i]! += gradOut[ob + o]! / counts[o]!;
    });
  }
}
