import type { ThreadPool } from '../../../src/backend/wasm/thread-pool.js';

/** The pool's private control block, for simulating a worker that never answers. */
export interface PoolInternals {
  started: boolean;
  ctl: Int32Array;
  layout: { ready: number; seq: number; ack: number };
}

/** Makes worker 1 of `pool` look started and ready, though no thread will ever run its jobs. */
export function fakeSilentWorker(pool: ThreadPool): PoolInternals {
  const internals = pool as unknown as PoolInternals;
  internals.started = true;
  Atomics.store(internals.ctl, internals.layout.ready + 1, 1);
  return internals;
}
