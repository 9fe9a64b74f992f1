import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { Adam } from '../../../src/optim/adam.js';
import { CosineWarmupLR } from '../../../src/optim/schedules/cosine-warmup.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { lrSequence } from './lr-sequence.js';

describe('CosineWarmupLR', () => {
  it('warms up linearly, then follows a half cosine down to minLr and stays there', () => {
    const opt = new Adam([tensor([1], { requiresGrad: true })], { lr: 1 });
    const sched = new CosineWarmupLR(opt, { warmupSteps: 2, totalSteps: 6, minLr: 0.1 });
    // steps 0,1: (t+1)/2 → 0.5, 1; steps 2..5: 0.1 + 0.9·½(1 + cos(π(t-2)/4)); step ≥ 6: 0.1
    const c = (k: number): number => 0.1 + 0.45 * (1 + Math.cos((Math.PI * k) / 4));
    assertClose(lrSequence(sched, 7), [0.5, 1, c(0), c(1), c(2), c(3), 0.1, 0.1]);
    assertClose([c(1), c(2)], [0.1 + 0.45 * (1 + Math.SQRT1_2), 0.55]);
  });

  it('without warmup starts at the base lr', () => {
    const opt = new Adam([tensor([1], { requiresGrad: true })], { lr: 2 });
    const sched = new CosineWarmupLR(opt, { totalSteps: 2 });
    assertClose(lrSequence(sched, 2), [2, 1, 0]);
  });

  it('validates its settings', () => {
    const opt = new Adam([tensor([1], { requiresGrad: true })]);
    assertThrowsWith(() => new CosineWarmupLR(opt, { warmupSteps: 5, totalSteps: 5 }), ConfigError, ['Invalid totalSteps: 5', 'warmupSteps (5)']);
    assertThrowsWith(() => new CosineWarmupLR(opt, { totalSteps: 5, minLr: -1 }), ConfigError, ['Invalid minLr: -1']);
  });
});
