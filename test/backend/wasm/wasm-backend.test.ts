import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWasmBackend, jsBackend, kernelNames } from '../../../src/backend/index.js';
import { ConfigError } from '../../../src/errors/index.js';

describe('createWasmBackend', () => {
  it('provides every kernel of the Backend interface', () => {
    const backend = createWasmBackend({ threads: 1 });
    for (const name of kernelNames) assert.equal(typeof backend[name], 'function', name);
    assert.equal(backend.name, 'wasm');
  });

  it('uses the js reference for the kernels it has no faster version of', () => {
    const backend = createWasmBackend({ threads: 1 });
    const own = new Set(['gemm', 'unary', 'unaryBackward', 'binary', 'copy', 'reduce', 'im2col', 'col2im', 'maxPool2d', 'avgPool2d', 'avgPool2dBackward']);
    for (const name of kernelNames) {
      if (own.has(name)) assert.notEqual(backend[name], jsBackend[name], name);
      else assert.equal(backend[name], jsBackend[name], name);
    }
  });

  it('rejects a thread count that is not a positive integer', () => {
    assert.throws(() => createWasmBackend({ threads: 0 }), ConfigError);
    assert.throws(() => createWasmBackend({ threads: 1.5 }), ConfigError);
  });

  it('starts its workers, runs on them, and runs on one thread after dispose', () => {
    const backend = createWasmBackend({ threads: 2 });
    assert.equal(backend.threads, 2);
    assert.equal(backend.waitForThreads(10000), 2);
    backend.dispose();
    assert.equal(backend.activeThreads(), 1);
    const one = createWasmBackend({ threads: 1 });
    assert.equal(one.waitForThreads(), 1);
  });
});
