import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { occlusion } from '../../../src/explain/methods/occlusion.js';
import { Flatten } from '../../../src/nn/layers/flatten.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { Generator, rand } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { flat, linearModel } from './helpers.js';

// Only pixel (1, 2) of a 1×4×4 image matters: f_0 = 3·x[1,2], f_1 = 0.
const weights = [Array.from({ length: 16 }, (_, i) => (i === 6 ? 3 : 0)), Array.from({ length: 16 }, () => 0)];
const model = new Sequential([new Flatten(), linearModel(weights)]);
const x = rand([2, 1, 4, 4], { generator: new Generator(1), dtype: 'float64' }).add(0.5);
const pixel = (n: number): number => flat(x)[n * 16 + 6]!;

describe('occlusion', () => {
  it('with a 1×1 patch gives the drop 3·x at the one pixel that matters and 0 elsewhere', () => {
    const r = occlusion(model, x, { window: 1, target: 0 });
    const expected = Array.from({ length: 32 }, (_, i) => (i % 16 === 6 ? 3 * pixel(Math.floor(i / 16)) : 0));
    assertClose(flat(r.attribution), expected, { atol: 1e-12 });
    assert.deepEqual(r.attribution.shape, [2, 1, 4, 4]);
  });

  it('averages the drops of the 2×2 patches covering each pixel (hand-counted)', () => {
    const r = flat(occlusion(model, x, { window: 2, stride: 1, target: 0, batchPositions: 4 }).attribution);
    const d = 3 * pixel(0);
    // (0,0): one patch, none covers (1,2). (1,1): 4 patches, 2 cover (1,2). (1,2): 4 of 4. (0,3): 1 of 1. (3,0): 0 of 1.
    assertClose([r[0]!, r[5]!, r[6]!, r[3]!, r[12]!], [0, d / 2, d, d, 0], { atol: 1e-12 });
  });

  it('covers the border with a last patch when the stride does not fit, and uses the baseline value', () => {
    // window 3, stride 3 on 4 wide: patches start at 0 and 1 (moved back to the border).
    const r = flat(occlusion(model, x, { window: 3, stride: 3, baseline: 1, target: 0 }).attribution);
    const d = 3 * (pixel(0) - 1);
    // pixel (1,2) is inside all four patches; (0,0) only in the first, which covers (1,2) too.
    assertClose([r[6]!, r[0]!, r[15]!], [d, d, d], { atol: 1e-12 });
  });

  it('checks its window', () => {
    assertThrowsWith(() => occlusion(model, x, { window: 5 }), ConfigError, ['window 5 exceeds']);
    assertThrowsWith(() => occlusion(model, x, { window: [1, 1, 1, 1] }), ConfigError, ['at most 3 axes']);
  });
});
