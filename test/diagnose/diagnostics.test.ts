import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticsCallback, attachDiagnostics } from '../../src/diagnose/index.js';
import { makeXor } from '../../src/data/index.js';
import { Linear, ReLU, Sequential, Sigmoid, Tanh, mlp, mseLoss } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { manualSeed, tensor } from '../../src/tensor/index.js';
import { fit } from '../../src/train/index.js';

const close = (a: number, b: number, tol = 1e-4): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

/** Linear(2,3) → ReLU → Linear(3,1) with weights chosen so every number below is computed by hand. */
function handModel(): Sequential {
  const model = new Sequential([new Linear(2, 3), new ReLU(), new Linear(3, 1)]);
  model.loadStateDict({
    '0.weight': tensor([[1, 0], [0, 1], [1, 1]]),
    '0.bias': tensor([0, 0, -100]),
    '2.weight': tensor([[1, 1, 1]]),
    '2.bias': tensor([0]),
  });
  return model;
}

describe('diagnose/Diagnostics', () => {
  it('records gradient and weight norms, update ratios, activations and dead units by hand', () => {
    const model = handModel();
    const diag = attachDiagnostics(model, { thresholds: { deadFraction: 0.2 } });
    assert.deepEqual(diag.layers.map((l) => `${l.name}:${l.type}:${l.kind}`), ['0:Linear:other', '1:ReLU:relu', '2:Linear:other']);
    const opt = new SGD(model.parameters(), { lr: 0.1 });
    // h = relu([[1, 2, -97], [3, -1, -98]]) = [[1, 2, 0], [3, 0, 0]], y = [3, 3], L = mean(y²) = 9.
    const loss = mseLoss(model.call(tensor([[1, 2], [3, -1]])), tensor([[0], [0]]));
    close(loss.item(), 9);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    diag.step();
    const [l0, relu, l2] = diag.layers.map((l) => l.steps[0]!);
    // dL/dy = 2y/N = [3, 3]; dW2 = [12, 6, 0], db2 = 6 → ‖g‖² = 216.
    close(l2!.gradNorm, Math.sqrt(216));
    close(l2!.outputGradNorm, Math.sqrt(18));
    // dh = [[3, 3, 0], [3, 0, 0]]; dW1 = [[12, 3], [3, 6], [0, 0]], db1 = [6, 3, 0] → ‖g‖² = 243.
    close(l0!.gradNorm, Math.sqrt(243));
    // SGD moves the weights by lr·g: ratio = 0.1·√243 / ‖(W1, b1)‖ with ‖·‖² = 4 + 10000.
    close(l0!.updateRatio, (0.1 * Math.sqrt(243)) / Math.sqrt(10004));
    close(relu!.activationMean, 1);
    close(relu!.activationStd, Math.sqrt((0 + 1 + 1 + 4 + 1 + 1) / 6));
    close(relu!.outputGradNorm, Math.sqrt(54));
    assert.ok(Number.isNaN(relu!.gradNorm));
    const warnings = diag.endEpoch();
    // Unit 2 of the ReLU never fires: 1/3 dead, above the 0.2 threshold given.
    close(diag.layers[1]!.epochs[0]!.dead, 1 / 3);
    assert.deepEqual(warnings.map((w) => `${w.kind}:${w.layer}`), ['dead-units:1']);
    // The same condition in the next epoch does not repeat the warning.
    model.call(tensor([[1, 2]]));
    diag.step();
    assert.deepEqual(diag.endEpoch(), []);
    assert.equal(diag.layers[0]!.epochs.length, 2);
    diag.detach();
    // Without hooks, a recorded step has no activation statistics.
    model.call(tensor([[1, 2]]));
    diag.step();
    assert.ok(Number.isNaN(diag.layers[1]!.steps.at(-1)!.activationMean));
  });

  it('records the first step and every k-th after it; eval-mode forwards are not counted', () => {
    const model = handModel();
    const diag = attachDiagnostics(model, { every: 3 });
    const opt = new SGD(model.parameters(), { lr: 0.01 });
    for (let s = 0; s < 7; s++) {
      const loss = mseLoss(model.call(tensor([[1, 2]])), tensor([[0]]));
      opt.zeroGrad();
      loss.backward();
      opt.step();
      diag.step();
    }
    assert.deepEqual(diag.layers[0]!.steps.map((s) => s.step), [1, 3, 6]);
    model.eval();
    model.call(tensor([[5, 5]]));
    diag.endEpoch();
    // Unit 0 and 1 fired on [1, 2] in training; the eval input [5, 5] (which would fire all) is ignored.
    close(diag.layers[1]!.epochs[0]!.dead, 1 / 3);
  });

  it('saturated fractions of tanh and sigmoid layers', () => {
    const model = new Sequential([new Linear(1, 4), new Tanh(), new Linear(4, 4), new Sigmoid()]);
    // Pre-activations 10, 0.1, -10, 1 → tanh ≈ 1, 0.0997, −1, 0.76: half beyond 0.99.
    // The second Linear passes them through with bias [8, 0, -8, 0]: sigmoid(≈9) > 0.99, sigmoid(−9) < 0.01.
    model.loadStateDict({ '0.weight': tensor([[10], [0.1], [-10], [1]]), '0.bias': tensor([0, 0, 0, 0]), '2.weight': tensor([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), '2.bias': tensor([8, 0, -8, 0]) });
    const diag = attachDiagnostics(model);
    model.call(tensor([[1]])).sum().backward();
    diag.step();
    assert.deepEqual(diag.layers.map((l) => l.kind), ['other', 'tanh', 'other', 'sigmoid']);
    assert.equal(diag.layers[1]!.steps[0]!.saturated, 0.5);
    assert.equal(diag.layers[3]!.steps[0]!.saturated, 0.5);
    assert.ok(Number.isNaN(diag.layers[0]!.steps[0]!.saturated));
  });

  it('as a fit callback: one record per recorded step and per epoch, warnings reported', async () => {
    manualSeed(3);
    const model = mlp(2, [8, 8], 2);
    const cb = new DiagnosticsCallback({ every: 2 });
    const h2 = await fit(model, { train: makeXor({ n: 64, noise: 0.1, seed: 1 }), validationSplit: 0.25, loss: 'crossEntropy', optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 3, batchSize: 16, seed: 1, callbacks: [cb] });
    const diag = cb.diagnostics!;
    // 48 training samples / 16 = 3 steps per epoch, 9 in all: recorded 1, 2, 4, 6, 8.
    assert.deepEqual(diag.layers[0]!.steps.map((s) => s.step), [1, 2, 4, 6, 8]);
    assert.deepEqual(diag.layers[0]!.steps.map((s) => s.epoch), [1, 1, 2, 2, 3]);
    assert.equal(diag.layers[0]!.epochs.length, 3);
    assert.deepEqual(diag.history.map((e) => e.epoch), h2.epochs.map((e) => e.epoch));
    assert.ok(diag.layers.every((l) => l.parameters === 0 || l.steps.every((s) => s.gradNorm > 0 && s.weightNorm > 0 && s.updateRatio > 0)));
  });
});
