import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRU } from '../../../src/nn/layers/gru.js';
import { LastTimeStep } from '../../../src/nn/layers/last-time-step.js';
import { LSTM } from '../../../src/nn/layers/lstm.js';
import { Generator, randn } from '../../../src/tensor/index.js';
import { gradcheckModule } from '../helpers.js';

describe('LastTimeStep', () => {
  it('returns the last step of the wrapped layer’s output sequence', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, generator: new Generator(1) });
    const last = new LastTimeStep(lstm);
    const x = randn([2, 5, 3]);
    const y = last.call(x);
    const [out, [hN]] = lstm.call(x);
    assert.deepEqual(y.shape, [2, 4]);
    assert.deepEqual(y.toArray(), out.slice(null, 4).toArray());
    assert.deepEqual(y.toArray(), hN.slice(1).toArray());
    assert.deepEqual(Object.keys(last.stateDict()).slice(0, 2), ['rnn.weight_ih_l0', 'rnn.weight_hh_l0']);
  });

  it('passes gradcheck', () => {
    const last = new LastTimeStep(new GRU(2, 3, { generator: new Generator(2) }));
    const x = randn([2, 3, 2], { dtype: 'float64', requiresGrad: true, generator: new Generator(3) });
    gradcheckModule(last, x, (v) => last.call(v));
  });
});
