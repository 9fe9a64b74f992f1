import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import type { Conv2dOptions } from '../../src/ops/index.js';
import { arange, ones, tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

/** Direct (seven nested loops) cross-correlation with explicit padding, the textbook definition. */
function directConv(
  x: Float64Array, [n, c, h, w]: number[],
  k: Float64Array, [o, cg, kh, kw]: number[],
  o1: { stride: [number, number]; pad: [number, number, number, number]; dilation: [number, number]; groups: number },
): { values: number[]; shape: number[] } {
  const [sh, sw] = o1.stride;
  const [pt, pl, pb, pr] = o1.pad;
  const [dh, dw] = o1.dilation;
  const oh = Math.floor((h + pt + pb - dh * (kh - 1) - 1) / sh) + 1;
  const ow = Math.floor((w + pl + pr - dw * (kw - 1) - 1) / sw) + 1;
  const og = o / o1.groups;
  const values: number[] = [];
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let s = 0;
          const group = Math.floor(oc / og);
          for (let ic = 0; ic < cg; ic++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const iy = y * sh - pt + i * dh;
                const ix = xx * sw - pl + j * dw;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                const ch = group * cg + ic;
                s += x[((b * c + ch) * h + iy) * w + ix]! * k[((oc * cg + ic) * kh + i) * kw + j]!;
              }
          values.push(s);
        }
  return { values, shape: [n, o, oh, ow] };
}

function seq(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.cos(seed + 0.7 * i) * 1.5);
}

forEachBackend('conv2d', ({ it }) => {
  it('hand-computed 3x3 input, 2x2 kernel', () => {
    // x = 1..9 in a 3x3 plane; kernel [[1,0],[0,-1]] gives x[i][j] - x[i+1][j+1] = -4 everywhere.
    const x = arange(1, 10, 1, { dtype: 'float64' }).reshape(1, 1, 3, 3);
    const w = tensor([[[[1, 0], [0, -1]]]], { dtype: 'float64' });
    assertClose(ops.conv2d(x, w), [[[[-4, -4], [-4, -4]]]], f64);
    // all-ones 2x2 kernel with bias 1: window sums + 1
    assertClose(ops.conv2d(x, ones([1, 1, 2, 2], { dtype: 'float64' }), tensor([1], { dtype: 'float64' })), [[[[13, 17], [25, 29]]]], f64);
    // padding 1 with a 3x3 ones kernel: corner = 1+2+4+5
    const same = ops.conv2d(x, ones([1, 1, 3, 3], { dtype: 'float64' }), null, { padding: 'same' });
    assertClose(same, [[[[12, 21, 16], [27, 45, 33], [24, 39, 28]]]], f64);
  });

  const configs: [string, number[], number[], Conv2dOptions, { stride: [number, number]; pad: [number, number, number, number]; dilation: [number, number]; groups: number }][] = [
    ['stride 1, no padding', [2, 3, 5, 5], [4, 3, 3, 3], {}, { stride: [1, 1], pad: [0, 0, 0, 0], dilation: [1, 1], groups: 1 }],
    ['stride 2, padding 1', [1, 2, 7, 6], [3, 2, 3, 3], { stride: 2, padding: 1 }, { stride: [2, 2], pad: [1, 1, 1, 1], dilation: [1, 1], groups: 1 }],
    ['rectangular stride and padding', [1, 1, 7, 7], [2, 1, 3, 2], { stride: [2, 1], padding: [0, 2] }, { stride: [2, 1], pad: [0, 2, 0, 2], dilation: [1, 1], groups: 1 }],
    ["'same' with an even kernel (extra cell bottom/right)", [1, 2, 5, 4], [2, 2, 2, 4], { padding: 'same' }, { stride: [1, 1], pad: [0, 1, 1, 2], dilation: [1, 1], groups: 1 }],
    ['dilation 2', [1, 1, 7, 7], [1, 1, 3, 3], { dilation: 2 }, { stride: [1, 1], pad: [0, 0, 0, 0], dilation: [2, 2], groups: 1 }],
    ["'same' with dilation 2", [1, 1, 6, 6], [1, 1, 3, 3], { dilation: 2, padding: 'same' }, { stride: [1, 1], pad: [2, 2, 2, 2], dilation: [2, 2], groups: 1 }],
    ['groups 2', [2, 4, 5, 5], [6, 2, 3, 3], { groups: 2 }, { stride: [1, 1], pad: [0, 0, 0, 0], dilation: [1, 1], groups: 2 }],
    ['depthwise (groups = channels)', [1, 3, 4, 4], [3, 1, 2, 2], { groups: 3, padding: 1 }, { stride: [1, 1], pad: [1, 1, 1, 1], dilation: [1, 1], groups: 3 }],
    ['1x1 input and kernel', [1, 1, 1, 1], [1, 1, 1, 1], {}, { stride: [1, 1], pad: [0, 0, 0, 0], dilation: [1, 1], groups: 1 }],
  ];
  for (const [title, xs, ws, options, ref] of configs) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${title} matches direct convolution (${dtype})`, () => {
        const xv = seq(xs.reduce((a, b) => a * b), 1);
        const wv = seq(ws.reduce((a, b) => a * b), 2);
        const expected = directConv(xv, xs, wv, ws, ref);
        const out = ops.conv2d(tensor(xv, { shape: xs, dtype }), tensor(wv, { shape: ws, dtype }), null, options);
        assert.deepEqual(out.shape, expected.shape);
        assertClose(out.reshape(-1), expected.values, dtype === 'float64' ? f64 : { atol: 1e-5, rtol: 1e-5 });
      });
    }
  }

  it('non-contiguous input (NHWC permuted to NCHW), 3-D input, bias broadcast per channel', () => {
    const xs = [1, 2, 4, 3];
    const xv = seq(24, 3);
    const wv = seq(2 * 2 * 2 * 2, 4);
    const expected = directConv(xv, xs, wv, [2, 2, 2, 2], { stride: [1, 1], pad: [0, 0, 0, 0], dilation: [1, 1], groups: 1 });
    const nchw = tensor(xv, { shape: xs, dtype: 'float64' });
    const nhwcView = nchw.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    assert.equal(nhwcView.isContiguous(), false);
    const w = tensor(wv, { shape: [2, 2, 2, 2], dtype: 'float64' });
    assertClose(ops.conv2d(nhwcView, w).reshape(-1), expected.values, f64);
    const three = ops.conv2d(nchw.reshape(2, 4, 3), w, tensor([10, -10], { dtype: 'float64' }));
    assert.deepEqual(three.shape, [2, 3, 2]);
    const half = expected.values.length / 2;
    assertClose(three.reshape(-1), expected.values.map((v, i) => v + (i < half ? 10 : -10)), f64);
  });
});
