import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradcheck } from '../../src/autograd/index.js';
import { listOps } from '../../src/ops/index.js';
import { forEachBackend } from '../helpers/backends.js';
import { gradcheckCases } from './gradcheck-cases.js';

/** Composite functions (not in the op registry) that have cases of their own. */
const composites = new Set(['flatten', 'transpose', 'squeeze', 'unsqueeze', 'split', 'stack']);

describe('gradcheck coverage', () => {
  it('every differentiable op in the registry has at least one gradcheck case', () => {
    const missing = listOps()
      .filter((op) => op.differentiable && (gradcheckCases[op.name]?.length ?? 0) === 0)
      .map((op) => op.name);
    assert.deepEqual(missing, [], `ops without a gradcheck case in test/conformance/gradcheck-cases.ts: ${missing.join(', ')}`);
  });

  it('every case names a registered differentiable op or a known composite', () => {
    const differentiable = new Set(listOps().filter((op) => op.differentiable).map((op) => op.name));
    const unknown = Object.keys(gradcheckCases).filter((name) => !differentiable.has(name) && !composites.has(name));
    assert.deepEqual(unknown, []);
  });

  it('every op has a case with a non-contiguous (transposed or sliced) input', () => {
    const missing = Object.entries(gradcheckCases)
      .filter(([, cases]) => !cases.some((c) => c.inputs().some((t) => !t.isContiguous())))
      .map(([name]) => name);
    assert.deepEqual(missing, []);
  });

  it('every broadcasting op has a case whose differentiated inputs broadcast against each other', () => {
    const broadcasting = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'where', 'matmul'];
    const missing = broadcasting.filter(
      (name) => !gradcheckCases[name]!.some((c) => new Set(c.inputs().filter((t) => t.requiresGrad).map((t) => t.shape.join(','))).size > 1),
    );
    assert.deepEqual(missing, []);
  });

  it('the registry knows the core ops as differentiable, and masks and indices as not', () => {
    const info = new Map(listOps().map((op) => [op.name, op.differentiable]));
    for (const name of ['add', 'matmul', 'conv2d', 'maxPool2d', 'softmax', 'slice', 'var', 'norm']) assert.equal(info.get(name), true, name);
    for (const name of ['eq', 'gt', 'argmax', 'argmin', 'sign']) assert.equal(info.get(name), false, name);
  });
});

forEachBackend('gradcheck', ({ it: test }) => {
  for (const [op, cases] of Object.entries(gradcheckCases)) {
    for (const c of cases) {
      test(`${op}: ${c.title}`, () => {
        const inputs = c.inputs();
        const report = gradcheck(c.fn, inputs, c.options);
        assert.equal(report.passed, true);
      });
    }
  }
});
