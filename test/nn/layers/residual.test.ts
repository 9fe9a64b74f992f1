import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layerFromConfig } from '../../../src/nn/from-config.js';
import { ReLU } from '../../../src/nn/layers/activations.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { Residual } from '../../../src/nn/layers/residual.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { Generator, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose } from '../../helpers/assert-close.js';
import { gradcheckModule, setParams } from '../helpers.js';

describe('Residual', () => {
  it('adds the body to the identity shortcut', () => {
    const block = new Residual(new Linear(2, 2, { bias: false }));
    setParams(block, { 'body.weight': [[1, 2], [0, -1]] });
    // body(x) = [x0 + 2 x1, −x1]; y = body(x) + x
    assertClose(block.call(tensor([[1, 3]])), [[8, 0]]);
  });

  it('adds a given shortcut instead of the identity', () => {
    const block = new Residual(new Linear(2, 1, { bias: false }), { shortcut: new Linear(2, 1, { bias: false }) });
    setParams(block, { 'body.weight': [[1, 1]], 'shortcut.weight': [[2, -1]] });
    assertClose(block.call(tensor([[1, 3]])), [[4 + -1]]);
    assert.deepEqual(Object.keys(block.stateDict()), ['body.weight', 'shortcut.weight']);
  });

  it('round-trips through its config with and without a shortcut', () => {
    const g = new Generator(3);
    const plain = new Residual(new Sequential([new Linear(3, 3, { generator: g }), new ReLU(), new Linear(3, 3, { generator: g })]));
    const withSkip = new Residual(new Linear(3, 2, { generator: g }), { shortcut: new Linear(3, 2, { generator: g }) });
    const x = randn([2, 3], { generator: g });
    for (const block of [plain, withSkip]) {
      const config = JSON.parse(JSON.stringify(block.toConfig())) as unknown;
      const copy = layerFromConfig(config);
      assert.ok(copy instanceof Residual);
      copy.loadStateDict(block.stateDict());
      assertClose(copy.call(x), block.call(x));
    }
    assert.equal(plain.toConfig().shortcut, undefined);
    assert.match(withSkip.toString(), /shortcut/);
  });

  it('passes gradcheck through body and shortcut', () => {
    const g = new Generator(4);
    const block = new Residual(new Sequential([new Linear(3, 3, { generator: g }), new ReLU(), new Linear(3, 3, { generator: g })]), {
      shortcut: new Linear(3, 3, { generator: g }),
    });
    const x = randn([2, 3], { generator: g, dtype: 'float64', requiresGrad: true });
    gradcheckModule(block, x, (t) => block.call(t));
  });
});
