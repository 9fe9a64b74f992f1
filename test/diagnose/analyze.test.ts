import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeEpoch, checkStep, overfitting } from '../../src/diagnose/analyze.js';
import { defaultThresholds, resolveThresholds } from '../../src/diagnose/options.js';
import type { LayerEpochStats, LayerRecord } from '../../src/diagnose/types.js';
import type { EpochLogs } from '../../src/train/history.js';

function layer(name: string, kind: LayerRecord['kind'], gradNorm: number, dead = Number.NaN): LayerRecord {
  const e: LayerEpochStats = { epoch: 1, gradNorm, weightNorm: 1, updateRatio: 1e-3, activationMean: 0, activationStd: 1, outputGradNorm: 1, saturated: Number.NaN, dead };
  return { name, type: kind === 'relu' ? 'ReLU' : 'Linear', kind, parameters: kind === 'relu' ? 0 : 10, steps: [], epochs: [e] };
}

const logs = (pairs: [number, number][]): EpochLogs[] => pairs.map(([loss, val], i) => ({ epoch: i + 1, loss, val_loss: val, lr: 0.1, seconds: 1 }));

describe('diagnose/analyze', () => {
  it('vanishing: first/last gradient-norm ratio below the threshold warns, above it does not', () => {
    const t = defaultThresholds;
    const found = analyzeEpoch(3, [layer('0', 'other', 1e-5), layer('2', 'other', 1e-2)], [], [], t);
    const w = found.find((f) => f.key === 'vanishing')!.warning!;
    assert.equal(w.kind, 'vanishing');
    assert.equal(w.layer, '0');
    assert.equal(w.epoch, 3);
    assert.ok(Math.abs(w.values['ratio']! - 1e-3) < 1e-12);
    assert.equal(analyzeEpoch(3, [layer('0', 'other', 1e-3), layer('2', 'other', 1e-2)], [], [], t).find((f) => f.key === 'vanishing')!.warning, null);
    // A user threshold of 0.5 makes the second case warn too.
    assert.notEqual(analyzeEpoch(3, [layer('0', 'other', 1e-3), layer('2', 'other', 1e-2)], [], [], resolveThresholds({ vanishingRatio: 0.5 })).find((f) => f.key === 'vanishing')!.warning, null);
  });

  it('dead units above the fraction warn, per layer', () => {
    const found = analyzeEpoch(1, [], [layer('1', 'relu', Number.NaN, 0.75), layer('3', 'relu', Number.NaN, 0.25)], [], defaultThresholds);
    assert.equal(found.find((f) => f.key === 'dead-units:1')!.warning!.values['dead'], 0.75);
    assert.equal(found.find((f) => f.key === 'dead-units:3')!.warning, null);
  });

  it('exploding: a jump above growth × the geometric mean of the window, and non-finite norms', () => {
    const norms = [1, 4, 1, 4].map((value, i) => ({ step: i + 1, epoch: 1, value }));
    assert.equal(checkStep(norms, true, defaultThresholds)[0]!.warning, null);
    const jump = [...norms.slice(0, 3), { step: 4, epoch: 1, value: 500 }];
    // Geometric mean of 1, 4, 1 = 4^(1/3) ≈ 1.587; 500 / 1.587 ≈ 315 > 100.
    const w = checkStep(jump, true, defaultThresholds)[0]!.warning!;
    assert.equal(w.kind, 'exploding');
    assert.equal(w.step, 4);
    assert.ok(Math.abs(w.values['growth']! - 500 / 4 ** (1 / 3)) < 1e-9);
    assert.equal(checkStep(jump, true, resolveThresholds({ explodingGrowth: 1000 }))[0]!.warning, null);
    assert.equal(checkStep([{ step: 1, epoch: 1, value: Number.NaN }], true, defaultThresholds)[0]!.warning!.kind, 'exploding');
    assert.equal(checkStep([{ step: 1, epoch: 1, value: 1 }], false, defaultThresholds)[0]!.warning!.kind, 'exploding');
  });

  it('overfitting: the epoch the validation loss began to rise and the gap', () => {
    // Best val at epoch 3 (0.5); it rises at 4 and 5 while training loss keeps falling.
    const h = logs([[1.0, 0.9], [0.8, 0.6], [0.6, 0.5], [0.4, 0.55], [0.3, 0.7]]);
    const w = overfitting(h, defaultThresholds)[0]!.warning!;
    assert.equal(w.kind, 'overfitting');
    assert.equal(w.values['beganEpoch'], 4);
    assert.equal(w.values['bestEpoch'], 3);
    assert.ok(Math.abs(w.values['gap']! - 0.4) < 1e-12);
    // One epoch of rise is below the default patience of 2.
    assert.deepEqual(overfitting(h.slice(0, 4), defaultThresholds), []);
    // Both losses rising is not overfitting (divergence).
    assert.deepEqual(overfitting(logs([[1, 1], [0.9, 0.8], [1.2, 0.9], [1.5, 1.2]]), defaultThresholds), []);
  });

  it('rejects thresholds out of range, naming the option', () => {
    assert.throws(() => resolveThresholds({ vanishingRatio: 2 }), /vanishingRatio must be a number in \(0, 1\), got 2/);
  });
});
