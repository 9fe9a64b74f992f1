import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { smoothGrad } from '../../../src/explain/methods/smooth-grad.js';
import { Generator, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { SumOfSquares, flat, linearModel } from './helpers.js';

const x = tensor([[1, 2, 3], [-1, 0.5, 4]], { dtype: 'float64' });

describe('smoothGrad', () => {
  it('is w_c, w_c² and 0 on a linear model (noise does not move a constant gradient)', () => {
    const model = linearModel([[1, -2, 0.5], [-3, 0.25, 2]], [1, 1]);
    assertClose(smoothGrad(model, x, { target: 1, samples: 4 }).attribution, [[-3, 0.25, 2], [-3, 0.25, 2]], { atol: 1e-12 });
    assertClose(smoothGrad(model, x, { target: 1, samples: 4, form: 'squared' }).attribution, [[9, 0.0625, 4], [9, 0.0625, 4]], { atol: 1e-12 });
    assertClose(smoothGrad(model, x, { target: 1, samples: 4, form: 'variance' }).attribution, [[0, 0, 0], [0, 0, 0]], { atol: 1e-12 });
  });

  it('matches the hand-computed mean, square and variance of 2(x + ε) on f = Σx², with the same seeded noise', () => {
    const samples = 5;
    const noiseLevel = 0.2;
    // σ per sample = 0.2 · (max − min): 0.4 and 1.0
    const sigma = [0.4, 1.0];
    const g = new Generator(7);
    const grads = Array.from({ length: samples }, () => {
      const eps = flat(randn([2, 3], { generator: g, dtype: 'float64' }));
      return flat(x).map((v, i) => 2 * (v + sigma[Math.floor(i / 3)]! * eps[i]!));
    });
    const mean = flat(x).map((_, i) => grads.reduce((s, gr) => s + gr[i]!, 0) / samples);
    const meanSq = flat(x).map((_, i) => grads.reduce((s, gr) => s + gr[i]! ** 2, 0) / samples);
    const run = (form: 'mean' | 'squared' | 'variance') => flat(smoothGrad(new SumOfSquares(), x, { target: 0, samples, noiseLevel, seed: 7, form }).attribution);
    assertClose(run('mean'), mean, { atol: 1e-12 });
    assertClose(run('squared'), meanSq, { atol: 1e-12 });
    assertClose(run('variance'), meanSq.map((m, i) => m - mean[i]! ** 2), { atol: 1e-10 });
  });

  it('is reproducible with a seed and checks its options', () => {
    const a = flat(smoothGrad(new SumOfSquares(), x, { target: 0, samples: 3, seed: 1 }).attribution);
    assert.deepEqual(a, flat(smoothGrad(new SumOfSquares(), x, { target: 0, samples: 3, seed: 1 }).attribution));
    assert.notDeepEqual(a, flat(smoothGrad(new SumOfSquares(), x, { target: 0, samples: 3, seed: 2 }).attribution));
    assertThrowsWith(() => smoothGrad(new SumOfSquares(), x, { samples: 0 }), ConfigError, ['smoothGrad', 'samples']);
    assertThrowsWith(() => smoothGrad(new SumOfSquares(), x, { form: 'max' as 'mean' }), ConfigError, ["unknown form 'max'"]);
  });
});
