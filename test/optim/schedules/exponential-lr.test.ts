import { describe, it } from 'node:test';
import { SGD } from '../../../src/optim/sgd.js';
import { ExponentialLR } from '../../../src/optim/schedules/exponential-lr.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose } from '../../helpers/assert-close.js';
import { lrSequence } from './lr-sequence.js';

describe('ExponentialLR', () => {
  it('lr = base·gamma^step', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 });
    assertClose(lrSequence(new ExponentialLR(opt, 0.5), 3), [0.1, 0.05, 0.025, 0.0125]);
  });

  it('resumes from its state dict', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 });
    const sched = new ExponentialLR(opt, 0.5);
    sched.step();
    sched.step();
    const opt2 = new SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 });
    const sched2 = new ExponentialLR(opt2, 0.5);
    sched2.loadStateDict(sched.stateDict());
    assertClose(opt2.paramGroups[0]!.options.lr, 0.025);
    sched2.step();
    assertClose(sched2.getLastLr(), [0.0125]);
  });
});
