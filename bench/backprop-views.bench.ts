// Backprop in three views, timed: the per-neuron post-activation and pre-activation views
// (plain loops over samples and units) against the vectorized view (whole batch as float64
// matrix products with deeptrace's matmul under noGrad), on a few dense network sizes; and the
// vectorized view once more in float32, where matmul runs the fast (wasm) kernel.
// Each time is the best of 3 rounds of back-to-back passes (other processes only slow a round).
// Run alone: npx tsx bench/backprop-views.bench.ts (writes bench/backprop-views.json), or
// as part of `npm run bench`.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  maxBackpropDifference,
  postActivationBackprop,
  preActivationBackprop,
  randomBatch,
  randomNetwork,
  toTensorNetwork,
  vectorizedBackprop,
  vectorizedPass,
} from '../src/backprop/index.js';
import { getBackend } from '../src/backend/index.js';
import { tensor } from '../src/tensor/index.js';
import { timedRound } from './measure/timed-round.js';

export const section = 'backpropViews';

interface Case {
  readonly sizes: readonly number[];
  readonly batch: number;
}

const cases: readonly Case[] = [
  { sizes: [8, 8, 3], batch: 4 },
  { sizes: [64, 32, 10], batch: 128 },
  { sizes: [784, 128, 10], batch: 32 },
  { sizes: [256, 256, 256, 10], batch: 64 },
];

/** Calls `fn` for at least `ms` milliseconds (and at least 3 times). */
function repeatFor(fn: () => unknown, ms: number): void {
  const start = performance.now();
  for (let i = 0; i < 3 || performance.now() - start < ms; i++) fn();
}

/** Milliseconds per call of `fn`: best of 3 rounds, each at least `seconds` long (and at least one call). */
function msPerCall(fn: () => unknown, seconds: number): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const r = timedRound(fn, seconds);
    best = Math.min(best, (r.seconds * 1000) / r.calls);
  }
  return best;
}

export interface BackpropViewsRow {
  readonly network: string;
  readonly batch: number;
  readonly postActivationMs: number;
  readonly preActivationMs: number;
  /** vectorizedPass on tensors prepared once (the matrix formulation itself). */
  readonly vectorizedMs: number;
  /** vectorizedBackprop from plain arrays to plain arrays (conversions included). */
  readonly vectorizedEndToEndMs: number;
  /** vectorizedPass in float32, where matmul runs the default backend's fast kernel (wasm SIMD where it loads). */
  readonly vectorizedFloat32Ms: number;
  readonly speedupOverPostActivation: number;
  readonly speedupOverPreActivation: number;
  /** Largest |difference| between the pre-activation and vectorized results (a sanity check). */
  readonly maxDifference: number;
}

export async function run(seconds = 0.3): Promise<Record<string, unknown>> {
  const rows: BackpropViewsRow[] = [];
  const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));
  console.log('network            batch  post-act ms  pre-act ms  vectorized ms  (end-to-end)  speedup vs post  vs pre  | vectorized f32 ms  vs post');
  for (const { sizes, batch: size } of cases) {
    const net = randomNetwork(sizes, { activation: 'relu', loss: 'softmaxCrossEntropy', seed: 1 });
    const batch = randomBatch(net, size, 2);
    const tensors = toTensorNetwork(net);
    const X = tensor(batch.inputs as number[][], { dtype: 'float64' });
    const Y = tensor(batch.targets as number[][], { dtype: 'float64' });
    const tensors32 = toTensorNetwork(net, 'float32');
    const X32 = tensor(batch.inputs as number[][], { dtype: 'float32' });
    const Y32 = tensor(batch.targets as number[][], { dtype: 'float32' });
    const runs = {
      post: () => postActivationBackprop(net, batch),
      pre: () => preActivationBackprop(net, batch),
      vec: () => vectorizedPass(tensors, X, Y),
      endToEnd: () => vectorizedBackprop(net, batch),
      vec32: () => vectorizedPass(tensors32, X32, Y32),
    };
    // Warm every function up before timing any: the per-neuron views share forwardSample, and
    // V8 needs a while to settle after switching between them.
    for (let pass = 0; pass < 2; pass++) for (const fn of Object.values(runs)) repeatFor(fn, 150);
    const post = msPerCall(runs.post, seconds);
    const pre = msPerCall(runs.pre, seconds);
    const vec = msPerCall(runs.vec, seconds);
    const endToEnd = msPerCall(runs.endToEnd, seconds);
    const vec32 = msPerCall(runs.vec32, seconds);
    const row: BackpropViewsRow = {
      network: sizes.join('-'),
      batch: size,
      postActivationMs: round(post),
      preActivationMs: round(pre),
      vectorizedMs: round(vec),
      vectorizedEndToEndMs: round(endToEnd),
      vectorizedFloat32Ms: round(vec32),
      speedupOverPostActivation: round(post / vec),
      speedupOverPreActivation: round(pre / vec),
      maxDifference: maxBackpropDifference(preActivationBackprop(net, batch), vectorizedBackprop(net, batch)),
    };
    rows.push(row);
    console.log(
      `${row.network.padEnd(18)} ${String(size).padStart(5)}  ${post.toFixed(3).padStart(11)}  ${pre.toFixed(3).padStart(10)}  ` +
        `${vec.toFixed(3).padStart(13)}  ${endToEnd.toFixed(3).padStart(12)}  ${(post / vec).toFixed(1).padStart(14)}x  ${(pre / vec).toFixed(1).padStart(5)}x  | ${vec32.toFixed(3).padStart(17)}  ${(post / vec32).toFixed(1).padStart(6)}x`,
    );
  }
  const result = {
    unit: 'milliseconds per forward+backward pass over one batch, float64, best of 3 rounds',
    backend: getBackend().name,
    // Other processes on the machine slow every view; the 1-minute load average says how busy it was.
    machine: { cores: cpus().length, node: process.version, loadAverageAtEnd: Number(loadavg()[0]!.toFixed(2)) },
    note:
      'all float64 unless named: vectorized = vectorizedPass on prepared float64 tensors (float64 GEMM runs the js reference kernel); ' +
      'end-to-end adds the array/tensor conversions; vectorized f32 = the same pass in float32 on the fast GEMM',
    rows,
  };
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'backprop-views.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
  console.log('bench: results in bench/backprop-views.json');
}
