// Backprop in three views: follow the numbers through a tiny network, then check that the
// post-activation, pre-activation and vectorized views agree with autograd on a trained mlp(),
// time them, and use the pre-activation view's mask to count relu units that pass no gradient.
// Run: npx tsx examples/03-backprop-views.ts [--steps N] [--quick] [--json]
import {
  autogradBackprop,
  backpropTrace,
  formatBackpropTrace,
  fromSequential,
  maxBackpropDifference,
  oneHotRow,
  postActivationBackprop,
  preActivationBackprop,
  vectorizedBackprop,
} from '../src/backprop/index.js';
import { Generator, SGD, crossEntropy, makeSpirals, mlp } from '../src/index.js';

export interface ViewsResult {
  readonly steps: number;
  readonly samples: number;
  readonly loss: number;
  /** Largest |difference| from autograd over every z, a, dL/da, dL/dz, dW, db and dL/dx. */
  readonly differenceFromAutograd: { postActivation: number; preActivation: number; vectorized: number };
  readonly milliseconds: { postActivation: number; preActivation: number; vectorized: number };
  /** Per hidden layer: share of (sample, unit) pairs with z <= 0, and units dead for every sample. */
  readonly deadShare: number[];
  readonly deadForAll: number[];
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

/** Trains a 2-32-32-3 relu mlp on three spirals for `steps` SGD steps, then inspects it in the three views. */
export function runViews(steps = 300, samples = 300, seed = 0): ViewsResult {
  const generator = new Generator(seed);
  const data = makeSpirals({ n: samples, seed });
  const model = mlp(2, [32, 32], 3, { activation: 'relu', generator });
  const optimizer = new SGD(model.parameters(), { lr: 0.5, momentum: 0.9 });
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    crossEntropy(model.forward(data.inputs), data.targets).backward();
    optimizer.step();
  }

  // The trained float32 model as a float64 DenseNetwork, and the data as plain rows.
  const net = fromSequential(model, { loss: 'softmaxCrossEntropy' });
  const inputs = data.inputs.toArray() as number[][];
  const targets = (data.targets.toArray() as number[]).map((label) => oneHotRow(label, 3));
  const batch = { inputs, targets };

  const reference = autogradBackprop(net, batch);
  const [post, postMs] = timed(() => postActivationBackprop(net, batch));
  const [pre, preMs] = timed(() => preActivationBackprop(net, batch));
  const [vec, vecMs] = timed(() => vectorizedBackprop(net, batch));
  const hidden = pre.layers.slice(0, -1);
  return {
    steps,
    samples,
    loss: reference.loss,
    differenceFromAutograd: {
      postActivation: maxBackpropDifference(post, reference),
      preActivation: maxBackpropDifference(pre, reference),
      vectorized: maxBackpropDifference(vec, reference),
    },
    milliseconds: { postActivation: postMs, preActivation: preMs, vectorized: vecMs },
    deadShare: hidden.map((l) => l.dead.flat().filter(Boolean).length / l.dead.flat().length),
    deadForAll: hidden.map((l) => l.dead[0]!.filter((_, j) => l.dead.every((row) => row[j])).length),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const stepsAt = args.indexOf('--steps');
  const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : quick ? 20 : 300;
  const result = runViews(steps, quick ? 60 : 300);
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(formatBackpropTrace(backpropTrace({ sizes: [2, 3, 2], activation: 'relu', seed: 0 })));
    console.log(`\nA 2-32-32-3 relu mlp after ${result.steps} SGD steps on ${result.samples} spiral points (loss ${result.loss.toFixed(4)}):`);
    for (const view of ['postActivation', 'preActivation', 'vectorized'] as const) {
      const d = result.differenceFromAutograd[view].toExponential(1);
      console.log(`  ${view.padEnd(15)} differs from autograd by at most ${d}, took ${result.milliseconds[view].toFixed(1)} ms`);
    }
    result.deadShare.forEach((share, l) =>
      console.log(`  hidden layer ${l + 1}: ${(share * 100).toFixed(1)}% of (sample, unit) pairs pass no gradient; ${result.deadForAll[l]} of 32 units are dead for every sample`),
    );
  }
}
