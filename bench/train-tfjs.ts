// The TF.js 4.22 side of the training benchmarks: the same models (bench/tfjs/models.ts), Adam
// (lr 1e-3) through optimizer.minimize, the same batch size, batches copied from the same
// arrays in a shuffled order, and the loss read back after every batch as in deeptrace's loop.
import * as tf from '@tensorflow/tfjs-core';
import type { FashionData } from './measure/fashion-data.js';
import type { TrainResult, TrainRunOptions } from './measure/train-result.js';
import { finishRun, warmingUp } from './measure/train-result.js';
import type { ConvFilterGrad, TfjsBackendName } from './tfjs/backend.js';
import { setupTfjs } from './tfjs/backend.js';
import { tfjsCnn, tfjsMlp } from './tfjs/models.js';

/** A seeded permutation of 0..n-1 (Fisher–Yates with a 32-bit LCG; the order only needs to be fixed). */
function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export async function trainTfjs(data: FashionData, options: TrainRunOptions, convFilterGrad: ConvFilterGrad = 'wasm-ops'): Promise<TrainResult> {
  if (options.backend !== 'wasm' && options.backend !== 'cpu') throw new Error(`bench/tfjs: backend must be wasm or cpu, got '${options.backend}'`);
  const detail = await setupTfjs(options.backend as TfjsBackendName, convFilterGrad);
  const model = options.model === 'mlp' ? tfjsMlp() : tfjsCnn();
  const optimizer = tf.train.adam(1e-3);
  const row = 784;
  const batchShape = (b: number): number[] => (options.model === 'mlp' ? [b, row] : [b, 28, 28, 1]);

  const losses: number[] = [];
  const step = (indices: Int32Array): void => {
    const b = indices.length;
    const xb = new Float32Array(b * row);
    const yb = new Int32Array(b);
    for (let i = 0; i < b; i++) {
      const k = indices[i]!;
      xb.set(data.images.subarray(k * row, (k + 1) * row), i * row);
      yb[i] = data.labels[k]!;
    }
    const xs = tf.tensor(xb, batchShape(b));
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(yb, 'int32'), 10));
    // minimize runs the loss function and the gradients in its own tidy scope.
    const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.forward(xs)), true, model.variables);
    xs.dispose();
    ys.dispose();
    if (cost === null) throw new Error('bench/tfjs: minimize returned no cost');
    losses.push(cost.dataSync()[0]!);
    cost.dispose();
  };
  const epoch = (seed: number, goOn: (batches: number) => boolean): number => {
    const order = permutation(data.length, seed);
    let samples = 0;
    for (let start = 0, k = 0; start < data.length && goOn(k); start += options.batchSize, k++) {
      const indices = order.subarray(start, Math.min(start + options.batchSize, data.length));
      step(indices);
      samples += indices.length;
    }
    return samples;
  };

  const warmupStart = performance.now();
  epoch(7, (k) => warmingUp(options, k, warmupStart));
  losses.length = 0;
  const tensorsBefore = tf.memory().numTensors;
  const start = performance.now();
  const samples = epoch(1, () => true);
  const seconds = (performance.now() - start) / 1000;
  const leaked = tf.memory().numTensors - tensorsBefore;
  // Without warm-up, Adam's moment variables appear during the timed pass; only count leaks after one.
  const note = leaked > 0 && options.warmupBatches > 0 ? `; ${leaked} tensors left after training` : '';
  return finishRun({ framework: 'tfjs', model: options.model, backend: options.backend, backendDetail: detail + note, batchSize: options.batchSize }, samples, seconds, losses);
}
