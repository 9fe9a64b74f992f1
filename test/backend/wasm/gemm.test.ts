import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createWasmBackend, jsBackend } from '../../../src/backend/index.js';
import type { GemmCase } from './gemm-helpers.js';
import { assertGemmClose, makeGemm, withFreshC } from './gemm-helpers.js';

// minWork 0: every float32 GEMM runs on the wasm kernel, however small.
const single = createWasmBackend({ threads: 1, minWork: 0 });
// minParallelWork 0: every GEMM is split across both threads.
const dual = createWasmBackend({ threads: 2, minWork: 0, minParallelWork: 0, minClaimedWork: Infinity });
// minClaimedWork 0: every one-matrix product with two row blocks per thread has its work claimed (gemm-claimed.ts).
const claimed = createWasmBackend({ name: 'wasm-claimed', threads: 2, minWork: 0, minParallelWork: 0, minClaimedWork: 0 });
dual.waitForThreads();
claimed.waitForThreads();
after(() => {
  dual.dispose();
  claimed.dispose();
});
const label = (backend: typeof dual): string => `${backend.threads} thread(s)${backend === claimed ? ', claimed' : ''}`;

const sizes = [1, 7, 33, 257];
const cases: GemmCase[] = [];
for (const m of sizes) {
  for (const n of sizes) {
    for (const k of [1, 7, 33, 257]) {
      // The largest ones cost the float64 check most; keep one transpose pattern for them.
      if (m * n * k > 257 * 257 * 33 && (m !== n || n !== k)) continue;
      const t = (m + n + k) % 4;
      cases.push({ m, n, k, transA: t === 1 || t === 3, transB: t >= 2 });
    }
  }
}

describe('wasm gemm against the float64 product of the same operands', () => {
  for (const backend of [single, dual, claimed]) {
    it(`odd sizes 1, 7, 33, 257 with transposes (${label(backend)})`, () => {
      cases.forEach((c, i) => {
        const p = makeGemm(c, 11 + i);
        const before = p.c.slice();
        backend.gemm(p);
        assertGemmClose(p, before, p.c, `${c.m}x${c.n}x${c.k} tA=${c.transA} tB=${c.transB}`);
      });
    });

    it(`every transpose pair, accumulate, offsets and gaps between batch matrices (${label(backend)})`, () => {
      let seed = 100;
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          for (const accumulate of [false, true]) {
            const c: GemmCase = { m: 37, n: 70, k: 300, transA, transB, accumulate, batch: 3, pad: 5 };
            const p = makeGemm(c, seed++);
            const before = p.c.slice();
            backend.gemm(p);
            assertGemmClose(p, before, p.c, JSON.stringify(c));
          }
        }
      }
    });

    it(`broadcast operands (batch stride 0) and batches larger than the thread count (${label(backend)})`, () => {
      const shapes: GemmCase[] = [
        { m: 9, n: 17, k: 5, transA: false, transB: false, batch: 7, broadcastA: true },
        { m: 9, n: 17, k: 5, transA: true, transB: true, batch: 7, broadcastB: true },
        { m: 65, n: 3, k: 129, transA: false, transB: true, batch: 2, broadcastA: true, accumulate: true },
      ];
      shapes.forEach((c, i) => {
        const p = makeGemm(c, 300 + i);
        const before = p.c.slice();
        backend.gemm(p);
        assertGemmClose(p, before, p.c, JSON.stringify(c));
      });
    });
  }

  it('one-row and one-column products (the matrix-vector path): every transpose pair, accumulate, batches, broadcast', () => {
    let seed = 700;
    for (const [m, n] of [[1, 70], [70, 1], [1, 1], [1, 5], [37, 1]]) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          for (const accumulate of [false, true]) {
            for (const extra of [{ batch: 3, pad: 5 }, { batch: 4, broadcastA: true }, { batch: 4, broadcastB: true }]) {
              const c: GemmCase = { m: m!, n: n!, k: 301, transA, transB, accumulate, ...extra };
              const p = makeGemm(c, seed++);
              const before = p.c.slice();
              single.gemm(p);
              assertGemmClose(p, before, p.c, JSON.stringify(c));
            }
          }
        }
      }
    }
  });

  it('k = 0 writes zeros, or leaves C as it was when accumulating', () => {
    for (const accumulate of [false, true]) {
      const p = makeGemm({ m: 5, n: 9, k: 0, transA: false, transB: false, accumulate }, 7);
      const before = p.c.slice();
      single.gemm(p);
      assert.deepEqual(Array.from(p.c), accumulate ? Array.from(before) : new Array<number>(45).fill(0));
    }
  });

  it('gives bit-identical results on 1 and 2 threads (each element is summed in the same order)', () => {
    for (const c of [
      { m: 300, n: 260, k: 513, transA: false, transB: true },
      { m: 520, n: 40, k: 70, transA: true, transB: false },
      { m: 33, n: 33, k: 33, transA: false, transB: false, batch: 5 },
    ] satisfies GemmCase[]) {
      const p = makeGemm(c, 5);
      const q = withFreshC(p);
      single.gemm(p);
      dual.gemm(q);
      assert.deepEqual(q.c, p.c, JSON.stringify(c));
    }
  });

  it('stays bit-identical to one thread over many repeated split calls of the MLP\'s shapes', () => {
    const shapes = [
      { m: 128, n: 256, k: 784, transA: false, transB: true },
      { m: 256, n: 784, k: 128, transA: true, transB: false },
      { m: 300, n: 72, k: 90, transA: false, transB: false },
    ] satisfies GemmCase[];
    const expected = shapes.map((c) => {
      const p = makeGemm(c, 9);
      single.gemm(p);
      return p.c;
    });
    // 60 calls: a wrong row split, or scratch left dirty from the call before, would show here.
    for (let round = 0; round < 20; round++) {
      shapes.forEach((c, i) => {
        const q = makeGemm(c, 9);
        dual.gemm(q);
        assert.deepEqual(q.c, expected[i], `${JSON.stringify(c)}, round ${round}`);
      });
    }
  });

  it('matches the js kernel within the float32 bound on a product large enough to use both threads', () => {
    const p = makeGemm({ m: 200, n: 300, k: 400, transA: true, transB: false, accumulate: true }, 9);
    const q = withFreshC(p);
    const before = p.c.slice();
    dual.gemm(p);
    jsBackend.gemm(q);
    assertGemmClose(p, before, p.c, 'wasm');
    assertGemmClose(q, before, q.c, 'js');
  });

  it('runs float64 on the js kernel, exactly as js does', () => {
    const p = makeGemm({ m: 13, n: 21, k: 34, transA: true, transB: true, batch: 2, float64: true }, 3);
    const q = withFreshC(p);
    dual.gemm(p);
    jsBackend.gemm(q);
    assert.deepEqual(p.c, q.c);
  });
});
