import { getBackend } from '../backend/registry.js';
import { ConfigError, ShapeError, formatShape } from '../errors/index.js';
import { allocArray } from '../tensor/dtype.js';
import { contiguousStrides } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { slice } from './index-ops.js';
import { checkTensor, contiguousData, empty, rawValues } from './util.js';
import { viewIndices } from './view-index.js';

/** [before, after] widths for the last axes: `[[1, 1], [2, 2]]` pads the last two axes. */
export type PadWidths = readonly (readonly [number, number])[];

/**
 * Pads the last `widths.length` axes with `value` (constant padding, like numpy.pad).
 * @default value 0
 */
export const pad = defineOp('pad', (x: Tensor, widths: PadWidths, value = 0): Tensor => {
  checkTensor(x, 'x', 'pad');
  if (widths.length > x.ndim) throw new ShapeError(`pad: ${widths.length} pad widths for a tensor of shape ${formatShape(x.shape)}`);
  for (const [before, after] of widths) {
    if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0) {
      throw new ConfigError(`pad: widths must be non-negative integers, got ${JSON.stringify(widths)}`);
    }
  }
  const lead = x.ndim - widths.length;
  const before = x.shape.map((_, i) => (i < lead ? 0 : widths[i - lead]![0]));
  const outShape = x.shape.map((d, i) => (i < lead ? d : d + widths[i - lead]![0] + widths[i - lead]![1]));
  // Gather from [x..., value]: padding cells read the extra last slot.
  const source = allocArray(x.dtype, x.size + 1);
  source.set(rawValues(contiguousData(x)));
  source[x.size] = value;
  const out = empty(outShape, x.dtype);
  const index = new Int32Array(out.size).fill(x.size);
  const outStrides = contiguousStrides(outShape);
  const interior = viewIndices(x.shape, outStrides, before.reduce((s, b, i) => s + b * outStrides[i]!, 0));
  interior.forEach((position, i) => (index[position] = i));
  getBackend().gather(source, 1, x.size + 1, 1, index, out.storage);
  return recordGrad('pad', out, [x], (g) =>
    [slice(g, x.shape.map((d, i) => ({ start: before[i]!, end: before[i]! + d })))],
  );
});
