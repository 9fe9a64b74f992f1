import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createWasmBackend } from '../../../src/backend/index.js';
import type { GemmParams } from '../../../src/backend/index.js';
import { WasmArena } from '../../../src/backend/wasm/arena.js';
import type { GemmContext } from '../../../src/backend/wasm/gemm.js';
import { wasmGemm } from '../../../src/backend/wasm/gemm.js';
import { ClaimedScratch, claimedBlockStarts } from '../../../src/backend/wasm/gemm-claimed.js';
import { loadKernels } from '../../../src/backend/wasm/load.js';
import type { WasmKernels } from '../../../src/backend/wasm/load.js';
import { ThreadPool } from '../../../src/backend/wasm/thread-pool.js';
import type { GemmCase } from './gemm-helpers.js';
import { assertGemmClose, makeGemm, randomArray, withFreshC } from './gemm-helpers.js';
import { fakeSilentWorker } from './pool-internals.js';

const single = createWasmBackend({ name: 'claimed-1', threads: 1, minWork: 0 });
// Every product of two or more blocks per thread is claimed.
const claimed = createWasmBackend({ name: 'claimed-2', threads: 2, minWork: 0, minParallelWork: 0, minClaimedWork: 0 });
claimed.waitForThreads();
after(() => claimed.dispose());

function sharedKernels(): WasmKernels {
  const load = loadKernels(true, 1 << 24);
  assert.ok(load.ok, load.ok ? '' : load.reason);
  return load.kernels;
}

describe('claimed GEMM: the kernel protocol on one thread', () => {
  it('waits for A, then hands out row blocks one by one, flags each done and computes the product', () => {
    const kernels = sharedKernels();
    const ex = kernels.exports;
    const tile = ex.microTileRows();
    const [m, n, k] = [3 * tile + 2, 19, 300];
    // Blocks of one micro-tile and one of two rows last.
    const starts = [0, tile, 2 * tile, 3 * tile, m];
    const blocks = starts.length - 1;
    const base = Math.ceil(ex.heapBase() / 64) * 64;
    const scratch = base;
    const packed = scratch + Math.ceil(ex.scratchBytes() / 64) * 64;
    const control = packed + ex.claimedPackedBytes(n, k);
    const a = control + 64 + 8 * blocks;
    const b = a + m * k * 4;
    const c = b + k * n * 4;
    const heap = new Float32Array(kernels.memory.buffer);
    const ints = new Int32Array(kernels.memory.buffer);
    const A = randomArray(m * k, 1) as Float32Array;
    const B = randomArray(k * n, 2) as Float32Array;
    heap.set(A, a / 4);
    heap.set(B, b / 4);
    ints.fill(0, control / 4, control / 4 + 4 + blocks);
    ints.set(starts, control / 4 + 4 + blocks);
    const call = (): number => ex.gemmClaimed(a, b, c, m, n, k, k, 1, n, 1, n, 0, scratch, packed, control, blocks, 1);
    assert.equal(call(), -2, 'A is not flagged ready yet');
    ints[control / 4 + 3] = 1;
    const order: number[] = [];
    for (let r = call(); r >= 0; r = call()) order.push(r);
    assert.deepEqual(order, Array.from({ length: blocks }, (_, i) => i));
    assert.equal(call(), -1, 'nothing left');
    assert.deepEqual(Array.from(ints.subarray(control / 4 + 4, control / 4 + 4 + blocks)), new Array<number>(blocks).fill(1));
    const p: GemmParams = {
      a: A, b: B, c: heap.slice(c / 4, c / 4 + m * n), m, n, k, transA: false, transB: false, accumulate: false, batch: 1,
      aOffset: 0, bOffset: 0, cOffset: 0, aBatchStride: 0, bBatchStride: 0, cBatchStride: 0,
    };
    assertGemmClose(p, new Float32Array(m * n), p.c, 'claimed kernel');
  });

  it('hands out large row blocks first and small ones last, in whole micro-tiles, at most 120 rows', () => {
    for (const [m, tile, parts] of [[512, 5, 2], [1024, 6, 2], [8192, 5, 2], [23, 5, 2], [7, 5, 2], [300, 6, 4]] as const) {
      const starts = claimedBlockStarts(m, tile, parts);
      assert.equal(starts[0], 0);
      assert.equal(starts.at(-1), m);
      const sizes = starts.slice(1).map((end, i) => end - starts[i]!);
      sizes.forEach((size, i) => {
        assert.ok(size > 0 && size <= 120, `m = ${m}: block ${i} has ${size} rows`);
        if (i < sizes.length - 1) assert.equal(size % tile, 0, `m = ${m}: block ${i} is not whole micro-tiles`);
        if (i > 0) assert.ok(size <= sizes[i - 1]!, `m = ${m}: block ${i} (${size}) is larger than the one before`);
      });
      if (m >= 4 * tile * parts) assert.ok(sizes.at(-1)! <= tile, `m = ${m}: the last block has ${sizes.at(-1)} rows`);
    }
    assert.deepEqual(claimedBlockStarts(512, 5, 2).slice(0, 4), [0, 120, 220, 295]);
  });
});

describe('claimed GEMM on two threads', () => {
  const cases: (GemmCase & { relu?: boolean })[] = [
    { m: 257, n: 129, k: 300, transA: false, transB: false },
    { m: 300, n: 260, k: 513, transA: false, transB: true },
    { m: 520, n: 40, k: 70, transA: true, transB: false, accumulate: true },
    { m: 23, n: 257, k: 33, transA: true, transB: true },
    { m: 129, n: 7, k: 257, transA: false, transB: false, relu: true },
    { m: 64, n: 64, k: 1, transA: false, transB: false, accumulate: true, relu: true },
  ];
  it('is bit-identical to one thread (each element summed in the same order), with accumulate and the ReLU epilogue', () => {
    cases.forEach((c, i) => {
      const p: GemmParams = { ...makeGemm(c, 40 + i), ...(c.relu === true ? { epilogue: 'relu' as const } : {}) };
      const q = withFreshC(p);
      single.gemm(p);
      claimed.gemm(q);
      assert.deepEqual(q.c, p.c, JSON.stringify(c));
    });
  });

  it('stays correct over many calls of different sizes (control block and packed B reused, grown)', () => {
    for (let round = 0; round < 3; round++) {
      for (const size of [40, 300, 97, 512]) {
        const p = makeGemm({ m: size, n: size, k: size, transA: false, transB: round === 1 }, size + round);
        const q = withFreshC(p);
        const before = p.c.slice();
        claimed.gemm(q);
        assertGemmClose(q, before, q.c, `n = ${size}, round ${round}`);
      }
    }
  });
});

describe('claimed GEMM with a worker that never starts its job', () => {
  it('computes every block on the calling thread and retires the silent worker instead of hanging', { timeout: 20000 }, () => {
    const kernels = sharedKernels();
    const ex = kernels.exports;
    const scratchBytes = Math.ceil(Math.max(ex.scratchBytes(), ex.convScratchBytes()) / 64) * 64;
    const base = Math.ceil(ex.heapBase() / 64) * 64;
    const arena = new WasmArena(kernels.memory, base + 2 * scratchBytes);
    const pool = new ThreadPool(kernels, 2);
    fakeSilentWorker(pool);
    const ctx: GemmContext = {
      kernels, arena, pool, scratch: [base, base + scratchBytes], tileRows: ex.microTileRows(), claimed: new ClaimedScratch(arena),
      minWork: 0, minParallelWork: 0, minClaimedWork: 0, winograd: false,
    };
    const p = makeGemm({ m: 200, n: 150, k: 260, transA: false, transB: true }, 77);
    const q = withFreshC(p);
    single.gemm(p);
    const started = Date.now();
    wasmGemm(q, ctx);
    const waited = Date.now() - started;
    assert.ok(waited >= 1900 && waited < 10000, `returned after ${waited} ms`);
    assert.deepEqual(q.c, p.c);
    assert.deepEqual([...pool.ready()], [0]);
  });
});
