import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  arraysFromModule,
  cloneArrayRecord,
  loadArraysIntoModule,
  mapArrayRecord,
  namedArray,
  tensorsFromArrays,
} from '../../../src/federated/protocol/index.js';
import { BatchNorm1d, Linear, Sequential } from '../../../src/nn/index.js';
import { Generator } from '../../../src/tensor/index.js';

describe('module ↔ ArrayRecord', () => {
  it('flattens a state dict in order, as copies, and loads it back', () => {
    const a = new Sequential([new Linear(3, 2, { generator: new Generator(1) }), new BatchNorm1d(2)]);
    const record = arraysFromModule(a);
    assert.deepEqual(
      record.map((r) => [r.name, r.shape, r.dtype]),
      [
        ['0.weight', [2, 3], 'float32'],
        ['0.bias', [2], 'float32'],
        ['1.weight', [2], 'float32'],
        ['1.bias', [2], 'float32'],
        ['1.running_mean', [2], 'float32'],
        ['1.running_var', [2], 'float32'],
        ['1.num_batches_tracked', [], 'int32'],
      ],
    );
    const before = [...record[0]!.data];
    a.stateDict()['0.weight']!.storage.fill(9); // the record is a copy
    assert.deepEqual([...record[0]!.data], before);

    const b = new Sequential([new Linear(3, 2, { generator: new Generator(2) }), new BatchNorm1d(2)]);
    loadArraysIntoModule(b, record);
    assert.deepEqual([...b.stateDict()['0.weight']!.values()], before);
    assert.deepEqual(tensorsFromArrays(record)['0.bias']!.toArray(), [...record[1]!.data]);
  });

  it('refuses a record that does not fit the model, naming the array', () => {
    const model = new Linear(3, 2);
    const record = arraysFromModule(model);
    assert.throws(() => loadArraysIntoModule(model, record.slice(0, 1)), /missing \[bias\]/);
    const wrong = [record[0]!, namedArray('bias', [3], new Float32Array(3))];
    assert.throws(() => loadArraysIntoModule(model, wrong), /'bias' is float32 \[3\], the model expects float32 \[2\]/);
  });

  it('clone and map give new arrays with the same layout', () => {
    const record = [namedArray('w', [2], Float64Array.from([1, 2]))];
    const copy = cloneArrayRecord(record);
    copy[0]!.data[0] = 5;
    assert.equal(record[0]!.data[0], 1);
    const doubled = mapArrayRecord(record, (a) => a.data.map((x) => 2 * x));
    assert.deepEqual([...doubled[0]!.data], [2, 4]);
    assert.equal(doubled[0]!.dtype, 'float64');
    assert.throws(() => namedArray('w', [3], new Float32Array(2)), /2 values but shape \[3\] needs 3/);
  });
});
