import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Embedding } from '../../src/nn/layers/embedding.js';
import { Flatten } from '../../src/nn/layers/flatten.js';
import { mlp, lstmClassifier } from '../../src/nn/models.js';
import { Sequential } from '../../src/nn/sequential.js';
import { summary } from '../../src/nn/summary.js';

describe('summary', () => {
  it('lists each layer with type, output shape and parameter count, then the totals', () => {
    const model = mlp(4, [8], 2, { batchNorm: true, dropout: 0.5 });
    const text = summary(model, [3, 4]);
    const lines = text.split('\n');
    const row = (name: string) => lines.find((l) => l.startsWith(name)) ?? '';
    assert.match(row('0 (Linear)'), /\[3,8\]\s+40$/);
    assert.match(row('1 (BatchNorm1d)'), /\[3,8\]\s+16$/);
    assert.match(row('2 (ReLU)'), /\[3,8\]\s+0$/);
    assert.match(row('3 (Dropout)'), /\[3,8\]\s+0$/);
    assert.match(row('4 (Linear)'), /\[3,2\]\s+18$/);
    assert.ok(text.includes('Total params: 74'));
    assert.ok(text.includes('Trainable params: 74'));
    assert.ok(text.includes('Buffer elements: 17'));
    assert.ok(text.includes('input [3,4] -> output [3,2]'));
  });

  it('restores the training mode, leaves no hooks and changes no running stats', () => {
    const model = mlp(4, [8], 2, { batchNorm: true });
    const before = JSON.stringify(Object.values(model.stateDict()).map((t) => t.toArray()));
    summary(model, [3, 4]);
    assert.ok(model.namedModules().every(([, m]) => m.training));
    assert.equal(JSON.stringify(Object.values(model.stateDict()).map((t) => t.toArray())), before);
    const again = summary(model, [3, 4]);
    assert.equal(again.split('\n').filter((l) => l.includes('(Linear)')).length, 2);
  });

  it('shows nested modules and tuple outputs, and thousands separators', () => {
    const text = summary(lstmClassifier([1, 28, 28], { hiddenSize: 32 }), [1, 1, 28, 28]);
    assert.ok(text.includes('1.rnn (LSTM)'));
    assert.ok(text.includes('([1,28,32], ([1,1,32], [1,1,32]))'));
    // LSTM 4·32·(28 + 32) + 2·4·32 = 7936, Linear 32·10 + 10 = 330
    assert.ok(text.includes('7,936'));
    assert.ok(text.includes('Total params: 8,266'));
  });

  it('takes an int32 input for embeddings', () => {
    const text = summary(new Sequential([new Embedding(10, 3), new Flatten()]), [2, 5], { dtype: 'int32' });
    assert.ok(text.includes('[2,5,3]') && text.includes('[2,15]') && text.includes('Total params: 30'));
  });
});
