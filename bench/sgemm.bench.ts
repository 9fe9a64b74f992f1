// SGEMM throughput: square float32 C = A·B for n = 128…1024, deeptrace (wasm on one thread
// and on all threads, js) against TF.js 4.22 (cpu and wasm backends). Each measurement is
// the best of five timed rounds of back-to-back products (other processes on the machine
// only ever slow a round down), each product read back to a JS array. The engines compared
// in the ratios (deeptrace wasm and TF.js-wasm) take their rounds in turn at each size, so a
// machine that slows down for a while slows all of them alike.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createWasmBackend, registerBackend, withBackend } from '../src/backend/index.js';
import { matmul } from '../src/ops/index.js';
import { Generator, rand } from '../src/tensor/index.js';
import { timedRound } from './measure/timed-round.js';

export const section = 'sgemm';

const sizes = [128, 256, 512, 1024];
type Engine = (n: number) => { run: () => void; dispose: () => void };

/** GFLOP/s of one timed round of back-to-back products lasting at least `seconds` (at least one product). */
function round(n: number, run: () => void, seconds: number): number {
  const r = timedRound(run, seconds);
  return (2 * n ** 3 * r.calls) / r.seconds / 1e9;
}

/** Timed rounds per engine and size; the best counts. */
const rounds = 5;

/**
 * GFLOP/s of each of `runs` at size n, best of `rounds` rounds, the engines taking their rounds in turn
 * (after one warm-up product each: compiles, tiers up, starts workers, sizes scratch).
 */
function measureInTurn(n: number, runs: readonly (() => void)[], seconds: number): number[] {
  runs.forEach((run) => run());
  const best = runs.map(() => 0);
  for (let r = 0; r < rounds; r++) runs.forEach((run, i) => (best[i] = Math.max(best[i]!, round(n, run, seconds))));
  return best;
}

function deeptrace(backendName: string): Engine {
  return (n) => {
    const generator = new Generator(n);
    const a = rand([n, n], { generator });
    const b = rand([n, n], { generator });
    return { run: () => void withBackend(backendName, () => matmul(a, b)), dispose: () => undefined };
  };
}

function tfjs(backendName: string): Engine {
  return (n) => {
    tf.setBackend(backendName);
    const a = tf.randomUniform([n, n]);
    const b = tf.randomUniform([n, n]);
    return {
      run: () => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      },
      dispose: () => {
        a.dispose();
        b.dispose();
      },
    };
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const wasmAll = createWasmBackend({ name: 'wasm-bench-all' });
  const wasmOne = createWasmBackend({ name: 'wasm-bench-1', threads: 1 });
  registerBackend(wasmAll);
  registerBackend(wasmOne);
  wasmAll.waitForThreads();
  const require = createRequire(import.meta.url);
  setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  const tfWasmThreads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');

  const engines: Record<string, Engine> = {
    [`deeptrace-wasm-${wasmAll.threads}t`]: deeptrace(wasmAll.name),
    'deeptrace-wasm-1t': deeptrace(wasmOne.name),
    'deeptrace-js': deeptrace('js'),
    'tfjs-wasm': tfjs('wasm'),
    'tfjs-cpu': tfjs('cpu'),
  };
  const gflops: Record<string, Record<number, number>> = Object.fromEntries(Object.keys(engines).map((name) => [name, {}]));
  const record = (name: string, n: number, value: number): void => {
    gflops[name]![n] = Number(value.toFixed(2));
    console.log(`${name.padEnd(20)} n=${String(n).padStart(4)}  ${value.toFixed(1).padStart(7)} GFLOP/s`);
  };
  // The engines of the ratios in turn; then the slow ones (one product per round at the largest sizes).
  const inTurn = [`deeptrace-wasm-${wasmAll.threads}t`, 'deeptrace-wasm-1t', 'tfjs-wasm'];
  const slow = ['deeptrace-js', 'tfjs-cpu'];
  for (const n of sizes) {
    const instances = inTurn.map((name) => engines[name]!(n));
    measureInTurn(n, instances.map((i) => i.run), 0.4).forEach((value, i) => record(inTurn[i]!, n, value));
    instances.forEach((i) => i.dispose());
  }
  for (const name of slow) {
    for (const n of sizes) {
      const instance = engines[name]!(n);
      record(name, n, measureInTurn(n, [instance.run], 0.05)[0]!);
      instance.dispose();
    }
  }
  wasmAll.dispose();
  const best = `deeptrace-wasm-${wasmAll.threads}t`;
  const ratios: Record<string, Record<number, number>> = {};
  for (const against of ['tfjs-wasm', 'tfjs-cpu']) {
    const key = `${best} / ${against}`;
    ratios[key] = {};
    for (const n of sizes) ratios[key][n] = Number((gflops[best]![n]! / gflops[against]![n]!).toFixed(2));
    console.log(`${key}: ${sizes.map((n) => `n=${n} ${ratios[key]![n]}x`).join('  ')}`);
  }
  const scaling: Record<number, number> = {};
  for (const n of sizes) scaling[n] = Number((gflops[best]![n]! / gflops['deeptrace-wasm-1t']![n]!).toFixed(2));
  console.log(`thread scaling ${best} / deeptrace-wasm-1t: ${sizes.map((n) => `n=${n} ${scaling[n]}x`).join('  ')}`);
  return {
    unit: `GFLOP/s (2n^3 / seconds), best of ${rounds} rounds taken in turn, result read back to JS`,
    threads: wasmAll.threads,
    tfjsWasmMultithreadSupport: tfWasmThreads,
    gflops,
    ratios,
    threadScaling: scaling,
  };
}
