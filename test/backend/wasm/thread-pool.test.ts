import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadKernels } from '../../../src/backend/wasm/load.js';
import { ThreadPool } from '../../../src/backend/wasm/thread-pool.js';
import { fakeSilentWorker } from './pool-internals.js';


describe('wasm ThreadPool', () => {
  it('takes back and runs a job that a ready worker never claims, retiring that worker, instead of hanging', { timeout: 20000 }, () => {
    const load = loadKernels(true, 1 << 20);
    assert.ok(load.ok, load.ok ? '' : load.reason);
    const pool = new ThreadPool(load.kernels, 2);
    // Pretend worker 1 started and announced itself, but it will never run anything.
    const internals = fakeSilentWorker(pool);
    assert.deepEqual([...pool.ready()], [0, 1]);
    // Two empty GEMM jobs (m = 0): the protocol is what is under test.
    const job = [0, 0, 0, 0, 8, 8, 8, 1, 8, 1, 8, 1, 0, 0, 0, 0, 0];
    const started = Date.now();
    pool.run([{ kernel: 'gemm', args: job }, { kernel: 'gemm', args: job }], [0, 1]);
    const waited = Date.now() - started;
    assert.ok(waited >= 1900 && waited < 10000, `returned after ${waited} ms`);
    // The job was claimed by the main thread and the silent worker no longer takes part.
    assert.equal(Atomics.load(internals.ctl, internals.layout.ack + 1), 1);
    assert.equal(Atomics.load(internals.ctl, internals.layout.seq + 1), -1);
    assert.deepEqual([...pool.ready()], [0]);
  });
});
