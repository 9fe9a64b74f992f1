import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDigits } from '../../../src/data/index.js';
import { compareMethods, comparisonMarkdown } from '../../../src/explain/evaluate/compare.js';
import { cascadingRandomization, parameterizedLayers } from '../../../src/explain/evaluate/sanity.js';
import type { AttributionMethod } from '../../../src/explain/attribution.js';
import { gradientXInput } from '../../../src/explain/methods/gradient-x-input.js';
import { integratedGradients } from '../../../src/explain/methods/integrated-gradients.js';
import { saliency } from '../../../src/explain/methods/saliency.js';
import { Flatten, Sequential, mlp } from '../../../src/nn/index.js';
import { Adam } from '../../../src/optim/index.js';
import { Generator } from '../../../src/tensor/index.js';
import { fit } from '../../../src/train/index.js';

// The methods as the registry exposes them (loosely typed options).
const attributionMethods: Record<string, AttributionMethod> = {
  saliency: (m, x, o = {}) => saliency(m, x, o),
  gradientXInput: (m, x, o = {}) => gradientXInput(m, x, o),
  integratedGradients: (m, x, o = {}) => integratedGradients(m, x, o),
};

async function trainedDigitsModel(): Promise<Sequential> {
  const model = new Sequential([new Flatten(), ...mlp(64, [32, 32], 10, { generator: new Generator(1) }).children()] as Sequential[]);
  await fit(model, { train: loadDigits({ split: 'train', layout: 'image' }), loss: 'crossEntropy', optimizer: new Adam(model.parameters(), { lr: 1e-2 }), epochs: 3, batchSize: 32, seed: 0 });
  return model.eval();
}

describe('sanity check (cascading randomization)', async () => {
  const model = await trainedDigitsModel();
  const test = loadDigits({ split: 'test', layout: 'image' });
  const x = test.inputs.slice({ start: 0, end: 1 }).contiguous();

  it('randomizing the layers from the top down destroys a gradient map, and the model comes back intact', () => {
    const before = model.parameters().map((p) => Array.from(p.values()));
    const report = cascadingRandomization(model, x, attributionMethods['gradientXInput']!, { seed: 0 });
    assert.deepEqual(report.steps.map((s) => s.layer), ['5', '3', '1']);
    assert.ok(report.steps.every((s) => s.type === 'Linear'));
    const last = report.steps[report.steps.length - 1]!;
    // The fully random network's map keeps some structure from x itself (gradient×input is 0 where x is 0),
    // so compare signed ranks, which the learned weights decide.
    assert.ok(last.spearman < 0.5, `spearman after full randomization ${last.spearman}`);
    assert.ok(report.steps[0]!.spearman < 0.9, `spearman after the top layer ${report.steps[0]!.spearman}`);
    const saliency = cascadingRandomization(model, x, attributionMethods['saliency']!, { seed: 0 });
    assert.ok(saliency.steps[saliency.steps.length - 1]!.spearmanAbs < 0.5, JSON.stringify(saliency.steps));
    assert.deepEqual(model.parameters().map((p) => Array.from(p.values())), before);
  });

  it('lists parameterized layers in forward order', () => {
    assert.deepEqual(parameterizedLayers(model).map(([name]) => name), ['1', '3', '5']);
  });

  it('compares methods: gradient maps beat random deletion, IG reports its completeness error', () => {
    const methods = { saliency: attributionMethods['saliency']!, integratedGradients: attributionMethods['integratedGradients']! };
    const comparison = compareMethods(model, test.inputs.slice({ start: 0, end: 3 }).contiguous(), methods, {
      pixelsPerStep: 4,
      deletionBaseline: 'zero',
      insertionBaseline: 'zero',
      methodOptions: { integratedGradients: { steps: 32 } },
    });
    const ig = comparison.rows.find((r) => r.method === 'integratedGradients')!;
    const sal = comparison.rows.find((r) => r.method === 'saliency')!;
    assert.equal(comparison.samples, 3);
    assert.ok(ig.deletionAuc < comparison.random.deletionAuc, comparisonMarkdown(comparison));
    assert.ok(ig.conservationError !== null && ig.conservationError < 0.1);
    assert.equal(sal.conservationError, null);
    assert.ok(sal.secondsPerImage > 0);
    assert.match(comparisonMarkdown(comparison), /\| integratedGradients \| 0\.\d{3} \|/);
  });
});
