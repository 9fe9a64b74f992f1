import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose, f32, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

forEachBackend('pooling', ({ it }) => {
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float64' ? f64 : f32;
    // x[i][j] = 4i + j on a 4x4 plane
    const plane = () => arange(0, 16, 1, { dtype }).reshape(1, 1, 4, 4);

    it(`maxPool2d kernel 2 (stride defaults to the kernel) (${dtype})`, () => {
      assertClose(ops.maxPool2d(plane(), 2), [[[[5, 7], [13, 15]]]], tol);
      assertClose(ops.maxPool2d(plane(), 2, { stride: 1 }), [[[[5, 6, 7], [9, 10, 11], [13, 14, 15]]]], tol);
      assertClose(ops.maxPool2d(plane(), [1, 4]), [[[[3], [7], [11], [15]]]], tol);
    });

    it(`maxPool2d with padding ignores the border (${dtype})`, () => {
      const x = tensor([[[[-1, -2, -3], [-4, -5, -6], [-7, -8, -9]]]], { dtype });
      assertClose(ops.maxPool2d(x, 2, { padding: 1 }), [[[[-1, -2], [-4, -5]]]], tol);
      assertClose(ops.maxPool2d(x, 3, { stride: 1, padding: 1 }), [[[[-1, -1, -2], [-1, -1, -2], [-4, -4, -5]]]], tol);
    });

    it(`avgPool2d, with and without counting padding (${dtype})`, () => {
      assertClose(ops.avgPool2d(plane(), 2), [[[[2.5, 4.5], [10.5, 12.5]]]], tol);
      const x = tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]], { dtype });
      // padding 1, kernel 2, stride 2: windows cover {1}, {2,3}, {4,7}, {5,6,8,9}
      assertClose(ops.avgPool2d(x, 2, { padding: 1 }), [[[[0.25, 1.25], [2.75, 7]]]], tol);
      assertClose(ops.avgPool2d(x, 2, { padding: 1, countIncludePad: false }), [[[[1, 2.5], [5.5, 7]]]], tol);
      assertClose(ops.avgPool2d(x, 3, { stride: 1 }), [[[[5]]]], tol);
    });
  }

  it('maxPool2d dilation 2', () => {
    const x = arange(0, 25, 1, { dtype: 'float64' }).reshape(1, 5, 5);
    // dilated 2x2 window starting at (0,0) reads (0,0),(0,2),(2,0),(2,2) → max 12
    assertClose(ops.maxPool2d(x, 2, { stride: 1, dilation: 2 }), [[[12, 13, 14], [17, 18, 19], [22, 23, 24]]], f64);
  });

  it('pools each channel and image independently, on odd sizes and a transposed view', () => {
    const x = arange(0, 2 * 3 * 7 * 7, 1, { dtype: 'float64' }).reshape(2, 3, 7, 7);
    const out = ops.maxPool2d(x, 3, { stride: 2 });
    assert.deepEqual(out.shape, [2, 3, 3, 3]);
    // max of the window at (oy, ox) is its bottom-right cell (2oy+2, 2ox+2)
    const expected = Array.from({ length: 2 * 3 }, (_, p) =>
      Array.from({ length: 3 }, (_, oy) => Array.from({ length: 3 }, (_, ox) => p * 49 + (2 * oy + 2) * 7 + 2 * ox + 2)),
    );
    assertClose(out.reshape(6, 3, 3), expected, f64);
    const t = x.transpose(2, 3); // cell (i, j) holds 7j + i
    assertClose(ops.maxPool2d(t, 7).reshape(-1), Array.from({ length: 6 }, (_, p) => p * 49 + 48), f64);
    // mean over a column of the transposed plane: (7j + 0 + ... + 7j + 6) / 7 = 7j + 3
    const columns = ops.avgPool2d(t.slice(0), [7, 1]);
    assert.deepEqual(columns.shape, [3, 1, 7]);
    assertClose(columns, [0, 1, 2].map((c) => [Array.from({ length: 7 }, (_, j) => c * 49 + 7 * j + 3)]), f64);
  });

  it('1x1 plane with kernel 1', () => {
    assertClose(ops.maxPool2d(tensor([[[[4]]]]), 1), [[[[4]]]]);
    assertClose(ops.avgPool2d(tensor([[[[4]]]]), 1), [[[[4]]]]);
  });
});
