import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Backend } from '../../src/backend/index.js';
import { jsBackend, kernelNames, listBackends, withBackend, getBackend } from '../../src/backend/index.js';
import { compareOutputs, kernelCases } from './kernel-cases.js';

const cases = kernelCases();

describe('kernel conformance harness', () => {
  it('covers every kernel of the Backend interface', () => {
    const covered = new Set(cases.map((c) => c.kernel));
    assert.deepEqual(kernelNames.filter((k) => !covered.has(k)), []);
  });

  it('catches a backend with a wrong kernel', () => {
    const broken: Backend = {
      ...jsBackend,
      name: 'broken',
      gemm: (p) => jsBackend.gemm({ ...p, accumulate: false }),
    };
    const failures = cases.filter((c) => c.kernel === 'gemm' && compareOutputs(c.run(broken), c.run(jsBackend), c.dtype).length > 0);
    assert.ok(failures.length > 0);
  });
});

// Every registered backend other than the reference is checked kernel by kernel against it.
for (const name of listBackends().filter((n) => n !== 'js')) {
  describe(`kernels match the js reference [${name}]`, () => {
    for (const c of cases) {
      it(`${c.kernel}: ${c.title} (${c.dtype})`, () => {
        const backend = withBackend(name, () => getBackend());
        assert.deepEqual(compareOutputs(c.run(backend), c.run(jsBackend), c.dtype, c.accumulates), []);
      });
    }
  });
}
