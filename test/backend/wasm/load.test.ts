import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tryCreateWasmBackend } from '../../../src/backend/wasm/index.js';
import { assertGemmClose, makeGemm } from './gemm-helpers.js';

/** Runs `fn` with a global property removed, then puts it back. */
function without<T>(name: 'WebAssembly' | 'SharedArrayBuffer', fn: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)!;
  Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    Object.defineProperty(globalThis, name, descriptor);
  }
}

describe('loading the wasm kernels', () => {
  it('says why it cannot load where WebAssembly is missing', () => {
    const result = without('WebAssembly', () => tryCreateWasmBackend());
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'WebAssembly is not available in this environment');
  });

  it('runs single-threaded on the plain (unshared) memory variant where SharedArrayBuffer is missing', () => {
    const result = without('SharedArrayBuffer', () => tryCreateWasmBackend({ threads: 2, minWork: 0 }));
    assert.ok(result.ok);
    assert.equal(result.backend.threads, 1);
    const p = makeGemm({ m: 33, n: 17, k: 65, transA: true, transB: false, accumulate: true }, 21);
    const before = p.c.slice();
    result.backend.gemm(p);
    assertGemmClose(p, before, p.c, 'plain variant');
  });
});
