// One training run in its own process, so that its peak RSS is its own:
//   node --import tsx bench/train-worker.ts --framework deeptrace|tfjs --backend wasm|js|cpu
//        --model mlp|cnn --samples N [--batch B] [--warmup K] [--warmup-seconds S] [--tfjs-conv-grad wasm-ops|cpu-kernel]
// Loads the first N Fashion-MNIST training images, builds the model, trains untimed batches (at
// least K, and for at least S seconds, within one pass), then times one shuffled pass over the
// N samples, and prints one JSON line (TrainResult).
import { parseArgs } from 'node:util';
import { loadTrainingData } from './measure/fashion-data.js';
import type { ModelName, TrainResult, TrainRunOptions } from './measure/train-result.js';

const { values } = parseArgs({
  options: {
    framework: { type: 'string' },
    backend: { type: 'string' },
    model: { type: 'string' },
    samples: { type: 'string' },
    batch: { type: 'string' },
    warmup: { type: 'string', default: '3' },
    'warmup-seconds': { type: 'string', default: '0' },
    'tfjs-conv-grad': { type: 'string', default: 'wasm-ops' },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`train-worker: ${message}`);
  console.error('usage: node --import tsx bench/train-worker.ts --framework deeptrace|tfjs --backend wasm|js|cpu --model mlp|cnn --samples N [--batch B] [--warmup K] [--warmup-seconds S] [--tfjs-conv-grad wasm-ops|cpu-kernel]');
  process.exit(2);
}

const model = values.model;
if (model !== 'mlp' && model !== 'cnn') fail(`--model must be mlp or cnn, got ${String(model)}`);
const framework = values.framework;
if (framework !== 'deeptrace' && framework !== 'tfjs') fail(`--framework must be deeptrace or tfjs, got ${String(framework)}`);
const samples = Number(values.samples);
if (!Number.isInteger(samples) || samples < 1 || samples > 60000) fail(`--samples must be an integer from 1 to 60000, got ${String(values.samples)}`);
const defaultBatch: Record<ModelName, number> = { mlp: 128, cnn: 64 };
const batchSize = values.batch === undefined ? defaultBatch[model] : Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch must be a positive integer, got ${String(values.batch)}`);
const warmupBatches = Number(values.warmup);
if (!Number.isInteger(warmupBatches) || warmupBatches < 0) fail(`--warmup must be a non-negative integer, got ${String(values.warmup)}`);
const warmupSeconds = Number(values['warmup-seconds']);
if (!(warmupSeconds >= 0)) fail(`--warmup-seconds must be a non-negative number, got ${String(values['warmup-seconds'])}`);
const backend = values.backend ?? 'wasm';
const convGrad = values['tfjs-conv-grad'];
if (convGrad !== 'wasm-ops' && convGrad !== 'cpu-kernel') fail(`--tfjs-conv-grad must be wasm-ops or cpu-kernel, got ${String(convGrad)}`);

const options: TrainRunOptions = { model, backend, samples, batchSize, warmupBatches, warmupSeconds };
const data = loadTrainingData(samples);
let result: TrainResult;
if (framework === 'deeptrace') {
  const { trainDeeptrace } = await import('./train-deeptrace.js');
  result = trainDeeptrace(data, options);
} else {
  const { trainTfjs } = await import('./train-tfjs.js');
  result = await trainTfjs(data, options, convGrad);
}
// The wasm backends keep worker threads alive: end once the line is written (pipes may be asynchronous).
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
