import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION, validateReply } from '../../../src/federated/protocol/index.js';
import type { ArrayRecord, RejectionCode, ReplyExpectation } from '../../../src/federated/protocol/index.js';

const reference: ArrayRecord = [
  { name: 'w', shape: [2, 2], dtype: 'float32', data: new Float32Array(4) },
  { name: 'b', shape: [2], dtype: 'float32', data: new Float32Array(2) },
];
const expect: ReplyExpectation = { kind: 'train', round: 3, clientId: 'c1', reference };

function good(): Record<string, unknown> {
  return {
    protocolVersion: PROTOCOL_VERSION,
    kind: 'train',
    round: 3,
    clientId: 'c1',
    parameters: [
      { name: 'w', shape: [2, 2], dtype: 'float32', data: Float32Array.from([1, 2, 3, 4]) },
      { name: 'b', shape: [2], dtype: 'float32', data: Float32Array.from([5, 6]) },
    ],
    numExamples: 10,
    metrics: { loss: 0.5 },
    status: 'ok',
  };
}

function withArray(index: number, change: Record<string, unknown>): Record<string, unknown> {
  const reply = good();
  const arrays = [...(reply['parameters'] as object[])];
  arrays[index] = { ...arrays[index], ...change };
  return { ...reply, parameters: arrays };
}

function codeOf(reply: unknown, expectation: ReplyExpectation = expect): RejectionCode | 'ok' {
  const r = validateReply(reply, expectation);
  return r.ok ? 'ok' : r.reason.code;
}

describe('validateReply', () => {
  it('accepts a well-formed train reply and returns its result', () => {
    const r = validateReply(good(), expect);
    assert.ok(r.ok);
    assert.equal(r.result.clientId, 'c1');
    assert.equal(r.result.numExamples, 10);
    assert.deepEqual(r.result.metrics, { loss: 0.5 });
    assert.deepEqual([...r.result.parameters![1]!.data], [5, 6]);
  });

  it('rejects NaN and infinite parameters, naming the array and index', () => {
    const nan = withArray(0, { data: Float32Array.from([1, Number.NaN, 3, 4]) });
    const r = validateReply(nan, expect);
    assert.ok(!r.ok);
    assert.equal(r.reason.code, 'non-finite-parameter');
    assert.match(r.reason.message, /'w'\[1\] is NaN/);
    assert.equal(codeOf(withArray(1, { data: Float32Array.from([1, Number.POSITIVE_INFINITY]) })), 'non-finite-parameter');
  });

  it('rejects wrong shapes, dtypes, names and array counts', () => {
    assert.equal(codeOf(withArray(0, { shape: [4] })), 'shape-mismatch');
    assert.equal(codeOf(withArray(0, { shape: [3, 2] })), 'shape-mismatch'); // 6 ≠ 4 values
    assert.equal(codeOf(withArray(1, { dtype: 'float64', data: Float64Array.from([5, 6]) })), 'dtype-mismatch');
    assert.equal(codeOf(withArray(1, { dtype: 'float32', data: Float64Array.from([5, 6]) })), 'dtype-mismatch');
    assert.equal(codeOf(withArray(1, { name: 'bias' })), 'array-name');
    assert.equal(codeOf({ ...good(), parameters: (good()['parameters'] as object[]).slice(0, 1) }), 'array-count');
    assert.equal(codeOf(withArray(0, { data: [1, 2, 3, 4] })), 'malformed');
    assert.equal(codeOf({ ...good(), parameters: 'weights' }), 'malformed');
  });

  it('rejects a missing, zero, negative or fractional numExamples', () => {
    const { numExamples: _drop, ...missing } = good();
    assert.equal(codeOf(missing), 'invalid-num-examples');
    for (const n of [0, -5, 2.5, Number.NaN, '10']) assert.equal(codeOf({ ...good(), numExamples: n }), 'invalid-num-examples', String(n));
  });

  it('rejects non-finite or non-numeric metrics and missing metrics', () => {
    assert.equal(codeOf({ ...good(), metrics: { loss: Number.NaN } }), 'invalid-metric');
    assert.equal(codeOf({ ...good(), metrics: { loss: '0.5' } }), 'invalid-metric');
    const { metrics: _drop, ...missing } = good();
    assert.equal(codeOf(missing), 'invalid-metric');
  });

  it('rejects envelopes that do not match the message', () => {
    assert.equal(codeOf(null), 'malformed');
    assert.equal(codeOf('ok'), 'malformed');
    assert.equal(codeOf({ ...good(), protocolVersion: 99 }), 'protocol-version');
    assert.equal(codeOf({ ...good(), round: 2 }), 'unexpected-reply');
    assert.equal(codeOf({ ...good(), clientId: 'c2' }), 'unexpected-reply');
    assert.equal(codeOf({ ...good(), kind: 'evaluate' }), 'unexpected-reply');
    assert.equal(codeOf({ ...good(), status: 'fine' }), 'malformed');
  });

  it('requires parameters in train replies but not in evaluate replies', () => {
    const { parameters: _drop, ...noParams } = good();
    assert.equal(codeOf(noParams), 'missing-parameters');
    assert.equal(codeOf({ ...noParams, kind: 'evaluate' }, { kind: 'evaluate', round: 3, clientId: 'c1' }), 'ok');
  });

  it('turns a client-reported error into a client-error reason with its text', () => {
    const r = validateReply({ ...good(), status: 'error', error: 'out of memory' }, expect);
    assert.ok(!r.ok);
    assert.deepEqual(r.reason, { code: 'client-error', message: 'out of memory' });
  });
});
