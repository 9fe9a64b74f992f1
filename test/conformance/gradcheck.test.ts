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

  it('the registry lists the ops of every src/ops module', () => {
    assert.ok(listOps().length >= 60, `only ${listOps().length} ops registered`);
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
