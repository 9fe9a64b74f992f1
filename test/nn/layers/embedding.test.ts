import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DTypeError, IndexError } from '../../../src/errors/index.js';
import { Embedding } from '../../../src/nn/layers/embedding.js';
import { Generator, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { gradcheckModule, setParams } from '../helpers.js';

describe('Embedding', () => {
  it('looks up rows of the weight for int32 indices of any shape', () => {
    const emb = new Embedding(4, 2);
    setParams(emb, { weight: [[0, 0], [1, 2], [3, 4], [5, 6]] });
    const y = emb.call(tensor([[1, 3], [0, 1]], { dtype: 'int32' }));
    assertClose(y, [[[1, 2], [5, 6]], [[0, 0], [1, 2]]]);
  });

  it('accumulates gradients into the looked-up rows', () => {
    const emb = new Embedding(4, 2);
    emb.call(tensor([1, 3, 0, 1], { dtype: 'int32' })).sum().backward();
    assertClose(emb.weight.grad!, [[1, 1], [2, 2], [0, 0], [1, 1]]);
  });

  it('gives the padding row a zero start and no gradient', () => {
    const emb = new Embedding(3, 2, { paddingIdx: 0, generator: new Generator(1) });
    assert.deepEqual((emb.weight.toArray() as number[][])[0], [0, 0]);
    emb.call(tensor([0, 2, 0], { dtype: 'int32' })).sum().backward();
    assertClose(emb.weight.grad!, [[0, 0], [0, 0], [1, 1]]);
  });

  it('initializes from N(0, 1)', () => {
    const w = Array.from(new Embedding(100, 100, { generator: new Generator(2) }).weight.values());
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    assert.ok(Math.abs(mean) < 0.03 && Math.abs(std - 1) < 0.03, `mean ${mean}, std ${std}`);
  });

  it('refuses float indices and out-of-range ones', () => {
    const emb = new Embedding(3, 2);
    assertThrowsWith(() => emb.call(tensor([1, 2])), DTypeError, ['int32 indices', 'float32']);
    assertThrowsWith(() => emb.call(tensor([3], { dtype: 'int32' })), IndexError, ['index 3']);
  });

  it('passes gradcheck with respect to the weight', () => {
    const emb = new Embedding(5, 3, { generator: new Generator(3) });
    gradcheckModule(emb, tensor([[4, 0, 4], [2, 2, 1]], { dtype: 'int32' }), (i) => emb.call(i));
  });
});
