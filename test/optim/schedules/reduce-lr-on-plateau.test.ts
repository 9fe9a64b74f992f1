import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { SGD } from '../../../src/optim/sgd.js';
import { ReduceLROnPlateau } from '../../../src/optim/schedules/reduce-lr-on-plateau.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';

function makeOpt(lr = 1): SGD {
  return new SGD([tensor([1], { requiresGrad: true })], { lr });
}

function lrsAfter(sched: ReduceLROnPlateau, metrics: number[]): number[] {
  return metrics.map((m) => {
    sched.step(m);
    return sched.getLastLr()[0]!;
  });
}

describe('ReduceLROnPlateau', () => {
  it('reduces after more than `patience` steps without improvement', () => {
    const sched = new ReduceLROnPlateau(makeOpt(), { patience: 2, factor: 0.5 });
    // best 1 at step 1; bad steps 1, 2 (tolerated), 3 → reduce; the counter restarts.
    assertClose(lrsAfter(sched, [1, 1, 1, 1, 1, 1, 1]), [1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
  });

  it('an improvement resets the count; the relative threshold decides what counts', () => {
    const sched = new ReduceLROnPlateau(makeOpt(), { patience: 1, factor: 0.1, threshold: 0.1 });
    // 10 → best; 9.5 is not < 10·0.9 (bad 1); 8.5 < 9 improves; 8 is not < 7.65 (bad 1); 7.9 (bad 2 → reduce)
    assertClose(lrsAfter(sched, [10, 9.5, 8.5, 8, 7.9]), [1, 1, 1, 1, 0.1]);
    assert.equal(sched.best, 8.5);
  });

  it('cooldown waits before counting bad steps again', () => {
    const sched = new ReduceLROnPlateau(makeOpt(), { patience: 0, cooldown: 2, factor: 0.5 });
    // step 2 is bad → reduce and cool down 2 steps; steps 3, 4 cool down; step 5 bad → reduce.
    assertClose(lrsAfter(sched, [1, 1, 1, 1, 1, 1]), [1, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  it("mode 'max' with an absolute threshold, and minLr bounds the rate", () => {
    const sched = new ReduceLROnPlateau(makeOpt(0.3), { mode: 'max', patience: 0, factor: 0.1, threshold: 0.05, thresholdMode: 'abs', minLr: 0.01 });
    // 0.5 best; 0.54 is not > 0.55 → reduce to 0.03; 0.6 > 0.55 improves; 0.6 again → max(0.003, 0.01) = 0.01
    assertClose(lrsAfter(sched, [0.5, 0.54, 0.6, 0.6, 0.5]), [0.3, 0.03, 0.03, 0.01, 0.01]);
  });

  it('resumes its counters from a state dict', () => {
    const a = new ReduceLROnPlateau(makeOpt(), { patience: 2, factor: 0.5 });
    lrsAfter(a, [1, 1, 1]);
    const b = new ReduceLROnPlateau(makeOpt(), { patience: 2, factor: 0.5 });
    b.loadStateDict(a.stateDict());
    assertClose(lrsAfter(b, [1]), [0.5]);
  });

  it('a state dict survives JSON before the first step (best = Infinity becomes null)', () => {
    const a = new ReduceLROnPlateau(makeOpt(), { patience: 0 });
    const b = new ReduceLROnPlateau(makeOpt(), { patience: 0 });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())) as ReturnType<typeof a.stateDict>);
    assert.equal(b.best, Infinity);
    assertClose(lrsAfter(b, [5, 5]), [1, 0.1]);
  });

  it('validates its settings', () => {
    assertThrowsWith(() => new ReduceLROnPlateau(makeOpt(), { factor: 1 }), ConfigError, ['Invalid factor: 1']);
    assertThrowsWith(() => new ReduceLROnPlateau(makeOpt(), { patience: -1 }), ConfigError, ['Invalid patience: -1']);
  });
});
