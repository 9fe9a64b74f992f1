// XOR with plain autograd and hand-written SGD: the smallest network that needs a hidden layer.
// Run: npx tsx examples/01-xor.ts [--steps N] [--json]
import { manualSeed, noGrad, randn, tensor, zeros } from '../src/index.js';
import type { Tensor } from '../src/index.js';

export interface XorResult {
  readonly steps: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly predictions: number[];
}

/** Trains a 2-8-1 tanh/sigmoid network on the four XOR points with full-batch SGD. */
export function trainXor(steps = 2000, seed = 0, learningRate = 0.5): XorResult {
  manualSeed(seed);
  const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y = tensor([[0], [1], [1], [0]]);
  const w1 = randn([2, 8]).mul(0.8).detach().requiresGrad_();
  const b1 = zeros([8], { requiresGrad: true });
  const w2 = randn([8, 1]).mul(0.8).detach().requiresGrad_();
  const b2 = zeros([1], { requiresGrad: true });
  const params = [w1, b1, w2, b2];
  const forward = (): Tensor => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();

  let loss = 0;
  for (let step = 0; step < steps; step++) {
    const p = forward();
    // Binary cross-entropy, written out: -(y log p + (1-y) log(1-p)), averaged.
    const l = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).mean().neg();
    for (const t of params) t.grad = null;
    l.backward();
    noGrad(() => {
      for (const t of params) {
        const update = t.grad!.mul(learningRate);
        const values = update.values();
        for (let i = 0; i < t.size; i++) t.storage[i] = t.storage[i]! - values[i]!;
      }
    });
    loss = l.item();
  }
  const predictions = Array.from(noGrad(forward).values());
  const targets = [0, 1, 1, 0];
  const correct = predictions.filter((p, i) => (p > 0.5 ? 1 : 0) === targets[i]).length;
  return { steps, loss, accuracy: correct / 4, predictions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const stepsAt = args.indexOf('--steps');
  const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : 2000;
  const result = trainXor(steps);
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`XOR after ${result.steps} steps: loss ${result.loss.toFixed(5)}, accuracy ${result.accuracy * 100}%`);
    console.log(`predictions for (0,0) (0,1) (1,0) (1,1): ${result.predictions.map((p) => p.toFixed(3)).join(' ')}`);
  }
}
