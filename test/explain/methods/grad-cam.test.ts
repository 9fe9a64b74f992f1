import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ShapeError } from '../../../src/errors/index.js';
import { bilinear, gradCam } from '../../../src/explain/methods/grad-cam.js';
import { Conv2d } from '../../../src/nn/layers/conv2d.js';
import { Flatten } from '../../../src/nn/layers/flatten.js';
import { MaxPool2d } from '../../../src/nn/layers/max-pool-2d.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { flat, linearModel } from './helpers.js';

/** Conv 1×1 with maps A⁰ = x and A¹ = −x, then a linear head on the flattened maps. */
function tinyCnn(head: number[][]): Sequential {
  const conv = new Conv2d(1, 2, { kernelSize: 1, bias: false }).cast('float64');
  conv.loadStateDict({ weight: tensor([[[[1]]], [[[-1]]]], { dtype: 'float64' }) });
  return new Sequential([conv, new Flatten(), linearModel(head)]);
}

describe('gradCam', () => {
  it('is ReLU(Σ_k α_k A^k) with α_k the mean gradient of each map (hand-computed)', () => {
    // class 0: ∂y/∂A⁰ = [1,2,3,4] (α₀ = 2.5), ∂y/∂A¹ = [0,0,0,−2] (α₁ = −0.5) → ReLU(3x)
    // class 1: α₀ = −1, α₁ = 0 → ReLU(−x)
    const model = tinyCnn([
      [1, 2, 3, 4, 0, 0, 0, -2],
      [-1, -1, -1, -1, 0, 0, 0, 0],
    ]);
    const x = tensor([[[[1, -2], [3, 4]]]], { dtype: 'float64' });
    const r0 = gradCam(model, x, { target: 0 });
    assertClose(r0.attribution, [[[[3, 0], [9, 12]]]]);
    assert.equal(r0.extras.layer, '0');
    assertClose(gradCam(model, x, { target: 1 }).attribution, [[[[0, 2], [0, 0]]]]);
  });

  it('upsamples a coarser map bilinearly to the input size', () => {
    const conv = new Conv2d(1, 1, { kernelSize: 1, bias: false }).cast('float64');
    conv.loadStateDict({ weight: tensor([[[[1]]]], { dtype: 'float64' }) });
    const model = new Sequential([conv, new MaxPool2d(2), new Flatten(), linearModel([[1, 1, 1, 1]])]);
    const x = tensor([[[[0, 1, 2, 0], [0, 0, 0, 0], [0, 0, 3, 0], [4, 0, 0, 0]]]], { dtype: 'float64' });
    const r = gradCam(model, x, { layer: '1', target: 0 });
    // pooled map [[1, 2], [4, 3]], α = 1
    assertClose(r.extras.cam!, [[[1, 2], [4, 3]]]);
    assertClose(r.attribution, bilinear(tensor([[[1, 2], [4, 3]]], { dtype: 'float64' }), 4, 4).reshape(1, 1, 4, 4));
    assert.deepEqual(gradCam(model, x, { target: 0, upsample: false }).attribution.shape, [1, 1, 4, 4]);
  });

  it('names a missing or unsuitable layer', () => {
    const model = tinyCnn([[1, 2, 3, 4, 0, 0, 0, -2]]);
    const x = tensor([[[[1, -2], [3, 4]]]], { dtype: 'float64' });
    assertThrowsWith(() => gradCam(model, x, { layer: '9' }), ConfigError, ["no layer named '9'"]);
    assertThrowsWith(() => gradCam(model, x, { layer: '1' }), ShapeError, ["layer '1' must output [N, K, h, w]"]);
    assertThrowsWith(() => gradCam(linearModel([[1]]), tensor([[1]]), {}), ConfigError, ['no Conv2d']);
  });
});

describe('bilinear', () => {
  it('matches PyTorch interpolate(mode=bilinear, align_corners=False)', () => {
    const up = bilinear(tensor([[[0, 1], [2, 3]]], { dtype: 'float64' }), 4, 4);
    assertClose(flat(up), [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3]);
  });
});
