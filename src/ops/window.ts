import type { WindowGeometry } from '../backend/backend.js';
import { ConfigError, ShapeError, formatShape } from '../errors/index.js';

export type Pair = number | readonly [number, number];
/** Padding: one number for all sides, [height, width], or 'valid' (none) / 'same' (output size = input size, stride 1). */
export type Padding = Pair | 'valid' | 'same';

export function pair(op: string, name: string, value: Pair, min: number): [number, number] {
  const [h, w] = typeof value === 'number' ? [value, value] : value;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < min || w < min) {
    throw new ConfigError(`${op}: ${name} must be an integer >= ${min} or a pair of them, got ${JSON.stringify(value)}`);
  }
  return [h, w];
}

/**
 * Computes the window geometry of a conv or pool over an [inH, inW] plane. 'same' splits the
 * total padding dilation·(k-1) with the extra cell at the bottom/right, as PyTorch does.
 */
export function windowGeometry(
  op: string,
  inShape: readonly number[],
  kernel: [number, number],
  options: { stride: Pair; padding: Padding; dilation: Pair },
): WindowGeometry {
  const [inH, inW] = [inShape[inShape.length - 2]!, inShape[inShape.length - 1]!];
  const [kernelH, kernelW] = kernel;
  const [strideH, strideW] = pair(op, 'stride', options.stride, 1);
  const [dilationH, dilationW] = pair(op, 'dilation', options.dilation, 1);
  let padTop: number;
  let padLeft: number;
  let padBottom: number;
  let padRight: number;
  if (options.padding === 'same') {
    if (strideH !== 1 || strideW !== 1) {
      throw new ConfigError(`${op}: padding 'same' needs stride 1, got stride ${JSON.stringify(options.stride)}`, {
        hint: 'give explicit padding numbers for strided windows',
      });
    }
    const totalH = dilationH * (kernelH - 1);
    const totalW = dilationW * (kernelW - 1);
    padTop = Math.floor(totalH / 2);
    padLeft = Math.floor(totalW / 2);
    padBottom = totalH - padTop;
    padRight = totalW - padLeft;
  } else {
    [padTop, padLeft] = options.padding === 'valid' ? [0, 0] : pair(op, 'padding', options.padding, 0);
    [padBottom, padRight] = [padTop, padLeft];
  }
  const outH = Math.floor((inH + padTop + padBottom - dilationH * (kernelH - 1) - 1) / strideH) + 1;
  const outW = Math.floor((inW + padLeft + padRight - dilationW * (kernelW - 1) - 1) / strideW) + 1;
  if (outH < 1 || outW < 1) {
    throw new ShapeError(
      `${op}: the window (kernel ${kernelH}x${kernelW}, dilation ${dilationH}x${dilationW}) does not fit the padded input ${formatShape(inShape)}`,
      { hint: 'use a smaller kernel or more padding' },
    );
  }
  return { inH, inW, kernelH, kernelW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW };
}
