import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { Adagrad } from '../../src/optim/adagrad.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';
import { trajectory } from './trajectory.js';

// θ0 = [1, -2], gradients g1 = [0.5, -1], g2 = [-0.25, 2], g3 = [1, 0.5], lr = 0.1, ε = 1e-10.
describe('Adagrad', () => {
  it('divides by the root of the summed squared gradients', () => {
    // Step 1: s = [0.25, 1]; θ1 = [1 - 0.1·0.5/(0.5 + 1e-10), -2 + 0.1·1/(1 + 1e-10)] = [0.90000000002, -1.90000000001]
    // Step 2: s = [0.3125, 5]; θ2 = [θ1 + 0.1·0.25/√0.3125, θ1 - 0.1·2/√5] = [0.94472135956..., -1.98944271910...]
    assertClose(
      trajectory((ps) => new Adagrad(ps, { lr: 0.1 })),
      [
        [0.90000000002, -1.90000000001],
        [0.9447213595619958, -1.9894427191059916],
        [0.8574342034752178, -2.0112645081286384],
      ],
      f64,
    );
  });

  it('lrDecay: step t uses lr/(1 + (t-1)·lrDecay)', () => {
    // Step 2 uses lr 0.1/1.5: θ2 = θ1 + (0.1/1.5)·0.25/√0.3125 = 0.92981423971...
    assertClose(
      trajectory((ps) => new Adagrad(ps, { lr: 0.1, lrDecay: 0.5 })),
      [
        [0.90000000002, -1.90000000001],
        [0.9298142397146639, -1.9596284794073275],
        [0.886170661671275, -1.970539373918651],
      ],
      f64,
    );
  });

  it('initialAccumulatorValue starts the sum', () => {
    // Step 1: s = [1.25, 2]; θ1 = [1 - 0.05/√1.25, -2 + 0.1/√2] = [0.95527864045..., -1.92928932188...]
    assertClose(
      trajectory((ps) => new Adagrad(ps, { lr: 0.1, initialAccumulatorValue: 1 })),
      [
        [0.9552786404540042, -1.9292893218863452],
        [0.9771004294756988, -2.0109389799757844],
        [0.9113408345578802, -2.0309389799749846],
      ],
      f64,
    );
  });

  it('weight decay adds λθ to the gradient', () => {
    assertClose(
      trajectory((ps) => new Adagrad(ps, { lr: 0.1, weightDecay: 0.1 })),
      [
        [0.9000000000166667, -1.9000000000083332],
        [0.9257662650683, -1.9833464434223942],
        [0.8388269266221652, -1.9971053451580707],
      ],
      f64,
    );
  });

  it('validates hyperparameters', () => {
    const p = [tensor([1], { requiresGrad: true })];
    assertThrowsWith(() => new Adagrad(p, { lrDecay: -1 }), ConfigError, ['Invalid lrDecay value: -1']);
    assertThrowsWith(() => new Adagrad(p, { initialAccumulatorValue: -1 }), ConfigError, ['Invalid initialAccumulatorValue value: -1']);
    assertThrowsWith(() => new Adagrad(p, { lr: -0.01 }), ConfigError, ['Invalid learning rate: -0.01']);
  });
});
