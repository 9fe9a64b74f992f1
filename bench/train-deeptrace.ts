// The deeptrace side of the training benchmarks: the loop a user writes with the public API
// (mlp/cnn, Adam, crossEntropy, DataLoader), on the wasm backend when it loaded. Gradients are
// zeroed in place, as fit() does (zeroGrad({ setToNone: false }), PyTorch's set_to_none=False).
import { Adam, DataLoader, TensorDataset, backendStatus, cnn, flattenSamples, listBackends, manualSeed, mlp, setBackend } from '../src/index.js';
import { crossEntropy } from '../src/nn/losses/index.js';
import type { FashionData } from './measure/fashion-data.js';
import type { TrainResult, TrainRunOptions } from './measure/train-result.js';
import { finishRun, warmingUp } from './measure/train-result.js';

export function trainDeeptrace(data: FashionData, options: TrainRunOptions): TrainResult {
  // Fall back to js (and say so) where the wasm backend did not load.
  const backend = listBackends().includes(options.backend) ? options.backend : 'js';
  setBackend(backend);
  manualSeed(1);
  const model = options.model === 'mlp' ? mlp(784, [256, 128], 10) : cnn([1, 28, 28]);
  const inputs = options.model === 'mlp' ? flattenSamples(data.dataset.inputs) : data.dataset.inputs;
  const dataset = new TensorDataset(inputs, data.dataset.targets);
  const loader = new DataLoader(dataset, { batchSize: options.batchSize, shuffle: true, seed: 1 });
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  model.train();

  const losses: number[] = [];
  const step = (input: (typeof dataset)['inputs'], target: (typeof dataset)['targets']): void => {
    optimizer.zeroGrad({ setToNone: false });
    const loss = crossEntropy(model.call(input), target);
    loss.backward();
    optimizer.step();
    losses.push(loss.item());
  };

  const warmupStart = performance.now();
  let warm = 0;
  for (const { input, target } of loader) {
    if (!warmingUp(options, warm++, warmupStart)) break;
    step(input, target);
  }
  losses.length = 0;

  let samples = 0;
  const start = performance.now();
  for (const { input, target } of loader) {
    step(input, target);
    samples += input.shape[0]!;
  }
  const seconds = (performance.now() - start) / 1000;
  const detail = backend === options.backend ? backendStatus() : `asked for '${options.backend}', not registered; ${backendStatus()}`;
  return finishRun({ framework: 'deeptrace', model: options.model, backend, backendDetail: detail, batchSize: options.batchSize }, samples, seconds, losses);
}
