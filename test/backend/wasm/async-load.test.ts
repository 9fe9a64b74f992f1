import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendStatus, initWasm, jsBackend, tryCreateWasmBackendAsync } from '../../../src/backend/index.js';
import { assertGemmClose, makeGemm } from './gemm-helpers.js';

describe('loading the wasm backend asynchronously (for browser pages, which compile modules over 4 KB only that way)', () => {
  for (const threads of [1, 2]) {
    it(`tryCreateWasmBackendAsync builds a working backend (${threads} thread(s))`, async () => {
      const result = await tryCreateWasmBackendAsync({ name: `wasm-async-${threads}`, threads, minParallelWork: 0 });
      assert.ok(result.ok, result.ok ? '' : result.reason);
      const backend = result.backend;
      try {
        assert.equal(backend.waitForThreads(), threads);
        const p = makeGemm({ m: 70, n: 90, k: 130, transA: false, transB: true }, 3);
        const before = p.c.slice();
        backend.gemm(p);
        assertGemmClose(p, before, p.c, 'async-loaded gemm');
        const x = Float32Array.from({ length: 64 }, (_, i) => i - 32);
        const [relu1, relu2] = [new Float32Array(64), new Float32Array(64)];
        backend.unary('relu', x, relu1, 0);
        jsBackend.unary('relu', x, relu2, 0);
        assert.deepEqual(relu1, relu2);
      } finally {
        backend.dispose();
      }
    });
  }

  it('initWasm resolves to the backend status, and changes nothing where wasm loaded at import', async () => {
    const before = backendStatus();
    assert.equal(await initWasm(), before);
    assert.match(before, /wasm loaded/);
  });
});
