import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { attributionMethodNames, explainWith } from '../../../src/explain/methods/registry.js';
import { Generator, rand } from '../../../src/tensor/index.js';
import { assertThrowsWith } from '../../helpers/assert-close.js';
import { reluCnn } from '../lrp/models.js';

describe('attribution methods by name', () => {
  it('runs every method on a CNN, returning one finite value per input element (Grad-CAM: per pixel)', () => {
    const model = reluCnn(31, true);
    const x = rand([2, 1, 8, 8], { generator: new Generator(32), dtype: 'float64' });
    const quick: Record<string, Record<string, number>> = { integratedGradients: { steps: 8 }, smoothGrad: { samples: 4 }, occlusion: { window: 2 } };
    assert.deepEqual(attributionMethodNames(), [
      'saliency',
      'gradientXInput',
      'integratedGradients',
      'smoothGrad',
      'occlusion',
      'gradCam',
      'lrp-0',
      'lrp-epsilon',
      'lrp-gamma',
      'lrp-zplus',
      'lrp-alpha-beta',
      'lrp-composite',
    ]);
    for (const name of attributionMethodNames()) {
      const r = explainWith(name, model, x, { target: 1, ...quick[name] });
      assert.deepEqual(r.attribution.shape, [2, 1, 8, 8], name);
      assert.deepEqual(r.target, [1, 1], name);
      assert.ok(Array.from(r.attribution.values()).every(Number.isFinite), name);
    }
    const composite = explainWith('lrp-composite', model, x, { target: 1 });
    assert.equal(composite.extras.conservation!.at(-1)!.rule, 'zB');
  });

  it('names the methods when one is unknown', () => {
    const model = reluCnn(31, true);
    assertThrowsWith(() => explainWith('deepLift', model, rand([1, 1, 8, 8])), ConfigError, ["unknown attribution method 'deepLift'", 'saliency, gradientXInput']);
  });
});
