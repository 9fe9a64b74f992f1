import type { FloatArray, WindowGeometry } from '../backend.js';

/** Unfolds [channels, inH, inW] into [channels*kernelH*kernelW, outH*outW] columns. */
export function im2col(x: FloatArray, xOffset: number, channels: number, g: WindowGeometry, cols: FloatArray): void {
  const plane = g.outH * g.outW;
  let row = 0;
  for (let ch = 0; ch < channels; ch++) {
    const xBase = xOffset + ch * g.inH * g.inW;
    for (let ki = 0; ki < g.kernelH; ki++) {
      for (let kj = 0; kj < g.kernelW; kj++, row++) {
        const rowBase = row * plane;
        for (let oy = 0; oy < g.outH; oy++) {
          const iy = oy * g.strideH - g.padTop + ki * g.dilationH;
          for (let ox = 0; ox < g.outW; ox++) {
            const ix = ox * g.strideW - g.padLeft + kj * g.dilationW;
            const inside = iy >= 0 && iy < g.inH && ix >= 0 && ix < g.inW;
            cols[rowBase + oy * g.outW + ox] = inside ? x[xBase + iy * g.inW + ix]! : 0;
          }
        }
      }
    }
  }
}

/** Adjoint of im2col: accumulates each column entry into the pixel it was read from. */
export function col2im(cols: FloatArray, channels: number, g: WindowGeometry, x: FloatArray, xOffset: number): void {
  const plane = g.outH * g.outW;
  let row = 0;
  for (let ch = 0; ch < channels; ch++) {
    const xBase = xOffset + ch * g.inH * g.inW;
    for (let ki = 0; ki < g.kernelH; ki++) {
      for (let kj = 0; kj < g.kernelW; kj++, row++) {
        const rowBase = row * plane;
        for (let oy = 0; oy < g.outH; oy++) {
          const iy = oy * g.strideH - g.padTop + ki * g.dilationH;
          if (iy < 0 || iy >= g.inH) continue;
          for (let ox = 0; ox < g.outW; ox++) {
            const ix = ox * g.strideW - g.padLeft + kj * g.dilationW;
            if (ix < 0 || ix >= g.inW) continue;
            x[xBase + iy * g.inW + ix]! += cols[rowBase + oy * g.outW + ox]!;
          }
        }
      }
    }
  }
}
