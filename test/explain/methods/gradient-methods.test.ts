import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { gradientXInput } from '../../../src/explain/methods/gradient-x-input.js';
import { saliency } from '../../../src/explain/methods/saliency.js';
import { Dropout } from '../../../src/nn/layers/dropout.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { SumOfSquares, linearModel } from './helpers.js';

const W = [
  [1, -2, 0.5],
  [-3, 0.25, 2],
];
const x = tensor([[1, 2, 3], [-1, 0.5, 4]], { dtype: 'float64' });

describe('saliency', () => {
  it('is |w_c| on a linear model, signed on request', () => {
    const model = linearModel(W, [0.1, -0.2]);
    const r = saliency(model, x, { target: [0, 1] });
    assertClose(r.attribution, [[1, 2, 0.5], [3, 0.25, 2]]);
    assertClose(saliency(model, x, { target: 1, absolute: false }).attribution, [W[1]!, W[1]!]);
    // f_0(x_0) = 1 − 4 + 1.5 + 0.1, f_1(x_1) = 3 + 0.125 + 8 − 0.2
    assertClose(r.score as number[], [-1.4, 10.925]);
  });

  it('explains the predicted class by default and checks targets', () => {
    const model = linearModel(W);
    // outputs: sample 0 → [−1.5, 2.5] (class 1), sample 1 → [−1.5, 11.125] (class 1)
    assert.deepEqual(saliency(model, x).target, [1, 1]);
    assertThrowsWith(() => saliency(model, x, { target: 2 }), ConfigError, ['saliency', 'target class 2', '2 classes']);
    assertThrowsWith(() => saliency(model, x, { target: [0] }), ConfigError, ['1 entries for 2 samples']);
  });

  it('is 2|x| on f = Σx², and runs the model in eval mode, restoring training mode', () => {
    const model = new Sequential([new Dropout(0.9), new SumOfSquares()]);
    model.train();
    assertClose(saliency(model, x, { target: 0 }).attribution, [[2, 4, 6], [2, 1, 8]]);
    assert.equal(model.at(0).training, true);
  });
});

describe('gradientXInput', () => {
  it('is w_c ⊙ x on a linear model', () => {
    const r = gradientXInput(linearModel(W, [5, 5]), x, { target: [0, 1] });
    assertClose(r.attribution, [[1, -4, 1.5], [3, 0.125, 8]]);
  });

  it('is 2x² on f = Σx²', () => {
    assertClose(gradientXInput(new SumOfSquares(), x, { target: 0 }).attribution, [[2, 8, 18], [2, 0.5, 32]]);
  });
});
