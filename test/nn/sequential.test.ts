import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IndexError } from '../../src/errors/index.js';
import { ReLU, Tanh } from '../../src/nn/layers/activations.js';
import { Linear } from '../../src/nn/layers/linear.js';
import { Sequential } from '../../src/nn/sequential.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../helpers/assert-close.js';
import { setParams } from './helpers.js';

describe('Sequential', () => {
  it('calls its layers in order', () => {
    const model = new Sequential([new Linear(2, 2), new ReLU(), new Linear(2, 1)]);
    setParams(model, { '0.weight': [[1, -1], [2, 1]], '0.bias': [0, -10], '2.weight': [[3, 5]], '2.bias': [1] });
    const y = model.call(tensor([[3, 1], [10, 0]]));
    // x=[3,1]: h = relu([2, -3]) = [2, 0], y = 3·2 + 1 = 7; x=[10,0]: h = relu([10, 10]) = [10, 10], y = 30 + 50 + 1 = 81
    assertClose(y, [[7], [81]]);
  });

  it('is indexable, iterable and appendable, with children named 0, 1, ...', () => {
    const relu = new ReLU();
    const model = new Sequential([new Linear(2, 3), relu]);
    assert.equal(model.at(1), relu);
    assert.equal(model.at(-1), relu);
    assert.equal(model.length, 2);
    model.append(new Tanh());
    assert.deepEqual([...model].map((m) => m.constructor.name), ['Linear', 'ReLU', 'Tanh']);
    assert.deepEqual(model.namedChildren().map(([n]) => n), ['0', '1', '2']);
    assert.deepEqual(Object.keys(model.stateDict()), ['0.weight', '0.bias']);
    assertThrowsWith(() => model.at(3), IndexError, ['index 3 is out of range for 3 layers']);
  });

  it("toConfig lists the children's configs", () => {
    const model = new Sequential([new Linear(2, 3, { bias: false }), new Sequential([new ReLU()])]);
    assert.deepEqual(model.toConfig(), {
      type: 'Sequential',
      layers: [{ type: 'Linear', inFeatures: 2, outFeatures: 3, bias: false }, { type: 'Sequential', layers: [{ type: 'ReLU' }] }],
    });
  });
});
