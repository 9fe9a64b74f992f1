import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Backend } from '../../src/backend/index.js';
import { getBackend, jsBackend, listBackends, registerBackend, setBackend, withBackend } from '../../src/backend/index.js';
import { BackendError } from '../../src/errors/index.js';
import { matmul } from '../../src/ops/index.js';
import { tensor } from '../../src/tensor/index.js';
import { forEachBackend } from '../helpers/backends.js';

// A second backend registered before the suites are declared: forEachBackend must pick it up.
const calls: string[] = [];
const counting: Backend = {
  ...jsBackend,
  name: 'counting',
  gemm: (p) => {
    calls.push('gemm');
    jsBackend.gemm(p);
  },
};
registerBackend(counting);

const visited: string[] = [];
forEachBackend('forEachBackend', ({ name, it: test }) => {
  visited.push(name);
  test('runs the body with the backend selected', () => {
    assert.equal(getBackend().name, name);
  });
});

describe('backend registry', () => {
  it('js is always registered; the default is one of the registered backends', () => {
    assert.ok(listBackends().includes('js'));
    assert.ok(listBackends().includes(getBackend().name));
  });

  it('forEachBackend declared a suite for every registered backend', () => {
    assert.deepEqual(visited, listBackends());
    assert.ok(visited.includes('counting'));
  });

  it('ops run on the selected backend; withBackend restores the previous one, even after a throw', () => {
    const before = getBackend();
    calls.length = 0;
    withBackend('counting', () => matmul(tensor([[1, 2]]), tensor([[3], [4]])));
    assert.deepEqual(calls, ['gemm']);
    assert.equal(getBackend(), before);
    assert.throws(() => withBackend('counting', () => {
      throw new Error('inside');
    }));
    assert.equal(getBackend(), before);
  });

  it('setBackend switches and rejects unknown names', () => {
    const before = getBackend();
    setBackend('counting');
    assert.equal(getBackend(), counting);
    setBackend('js');
    assert.equal(getBackend(), jsBackend);
    assert.throws(() => setBackend('missing'), BackendError);
    assert.equal(getBackend(), jsBackend);
    setBackend(before.name);
  });
});
