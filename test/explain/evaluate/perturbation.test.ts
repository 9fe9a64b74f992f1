import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletionCurve, evaluatePerturbation, insertionCurve, perturbationCurve, pixelOrder, pixelScores, randomPixelOrder, trapezoid } from '../../../src/explain/evaluate/perturbation.js';
import { Flatten, Linear, Sequential } from '../../../src/nn/index.js';
import { ones, tensor, zeros } from '../../../src/tensor/index.js';

/** A 1×4×4 image classifier where pixel 5 alone decides: logit₀ = 10·x₅, logit₁ = 0. */
function onePixelModel(): Sequential {
  const fc = new Linear(16, 2);
  fc.weight.storage.fill(0);
  fc.weight.storage[5] = 10;
  fc.bias!.storage.fill(0);
  return new Sequential([new Flatten(), fc]);
}
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('deletion and insertion curves', () => {
  const model = onePixelModel();
  const x = ones([1, 1, 4, 4]);
  const right = zeros([1, 1, 4, 4]);
  right.storage[5] = 1;

  it('orders pixels by attribution summed over channels, ties by index', () => {
    assert.deepEqual(Array.from(pixelScores(tensor([[[[1, 2]], [[3, -5]]]]), { pixels: 2, channels: 2 })), [4, -3]);
    assert.deepEqual(Array.from(pixelOrder([0.5, 2, 0.5, -1])), [1, 0, 2, 3]);
    assert.deepEqual(Array.from(randomPixelOrder(6, 1)).sort(), [0, 1, 2, 3, 4, 5]);
    assert.equal(trapezoid([0, 0.5, 1], [1, 0, 0]), 0.25);
  });

  it('the right attribution gives the hand-computed deletion AUC, far below a random order', () => {
    const curve = deletionCurve(model, x, right, { pixelsPerStep: 1, target: 0 });
    assert.equal(curve.fractions.length, 17);
    assert.ok(Math.abs(curve.scores[0]! - sigmoid(10)) < 1e-6);
    for (const s of curve.scores.slice(1)) assert.ok(Math.abs(s - 0.5) < 1e-6);
    // First trapezoid over 1/16 from σ(10) to 0.5, then 0.5 for the remaining 15/16.
    const expected = ((sigmoid(10) + 0.5) / 2) / 16 + (15 / 16) * 0.5;
    assert.ok(Math.abs(curve.auc - expected) < 1e-6, `auc ${curve.auc}`);
    // A random order removes pixel 5 at its position k in the order: AUC = that area.
    const order = randomPixelOrder(16, 3);
    const k = Array.from(order).indexOf(5);
    const random = perturbationCurve(model, x, order, 'deletion', { pixelsPerStep: 1, target: 0 });
    const high = sigmoid(10);
    const randomExpected = (k * high + (high + 0.5) / 2 + (15 - k) * 0.5) / 16;
    assert.ok(Math.abs(random.auc - randomExpected) < 1e-6, `random auc ${random.auc}, expected ${randomExpected}`);
    const report = evaluatePerturbation(model, x, right, { pixelsPerStep: 1, target: 0, randomOrders: 5, insertionBaseline: 'zero' });
    assert.ok(report.deletion.auc < report.random.deletionAuc - 0.05, JSON.stringify(report.random));
    assert.ok(report.insertion.auc > report.random.insertionAuc + 0.05);
  });

  it('insertion from the baseline rises as soon as the deciding pixel is back', () => {
    const curve = insertionCurve(model, x, right, { pixelsPerStep: 4, target: 0, insertionBaseline: 'zero' });
    assert.deepEqual(curve.fractions, [0, 0.25, 0.5, 0.75, 1]);
    assert.ok(Math.abs(curve.scores[0]! - 0.5) < 1e-6);
    for (const s of curve.scores.slice(1)) assert.ok(Math.abs(s - sigmoid(10)) < 1e-6);
    // Batches of 2 give the same curve as one batch.
    const batched = insertionCurve(model, x, right, { pixelsPerStep: 4, target: 0, insertionBaseline: 'zero', batchSize: 2 });
    assert.deepEqual(batched.scores, curve.scores);
  });

  it('the blur and mean baselines keep the image mean', () => {
    const img = tensor([[[[0, 0, 0, 0], [0, 4, 4, 0], [0, 4, 4, 0], [0, 0, 0, 0]]]]);
    const onMean = perturbationCurve(model, img, pixelOrder(right.values()), 'deletion', { target: 0, pixelsPerStep: 16, deletionBaseline: 'mean', score: 'logit' });
    assert.deepEqual(onMean.scores.map((s) => Math.round(s * 1000) / 1000), [40, 10]); // 10·x₅ then 10·mean
    assert.throws(() => deletionCurve(model, ones([2, 1, 4, 4]), right), /expected one input \[1, \.\.\.\]/);
  });
});
