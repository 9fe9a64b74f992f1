// Exploding gradients: a vanilla RNN with a too-large recurrent initialization diverges on a
// sequence regression task; the same run with gradient clipping by global norm trains.
// Run: npx tsx examples/06-exploding.ts [--quick]
import { Diagnostics } from '../src/diagnose/index.js';
import { Generator, LastTimeStep, Linear, RNN, SGD, Sequential, Tensor, clipGradNorm, init, manualSeed, mseLoss, noGrad } from '../src/index.js';

const quick = process.argv.includes('--quick');
const steps = quick ? 150 : 600;
const T = 20;
const hidden = 32;

/** Inputs x_t ~ U(-1, 1); the target is the sum of the last 3 (variance 1: predicting 0 scores MSE 1). */
function batch(gen: Generator, n: number): { x: Tensor; y: Tensor } {
  const x = new Float32Array(n * T);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) x[i * T + t] = 2 * gen.random() - 1;
    y[i] = x[i * T + T - 1]! + x[i * T + T - 2]! + x[i * T + T - 3]!;
  }
  return { x: new Tensor(x, [n, T, 1]), y: new Tensor(y, [n, 1]) };
}

function run(clip: number | null): Record<string, number> {
  manualSeed(0);
  const rnn = new RNN(1, hidden);
  // Recurrent weights N(0, (1.5/√H)²): spectral radius ≈ 1.5, so backpropagated gradients can grow ~1.5× per time step.
  noGrad(() => init.normal(rnn.stateDict()['weight_hh_l0']!, 0, 1.5 / Math.sqrt(hidden)));
  const model = new Sequential([new LastTimeStep(rnn), new Linear(hidden, 1)]);
  const diag = new Diagnostics(model);
  const opt = new SGD(model.parameters(), { lr: 0.1 });
  const gen = new Generator(1);
  const test = batch(new Generator(2), 256);
  const testLoss = (): number => noGrad(() => mseLoss(model.call(test.x), test.y).item());
  const initial = testLoss();
  let maxNorm = 0;
  let diverged = 0;
  let nonFinite = 0;
  for (let s = 1; s <= steps; s++) {
    const { x, y } = batch(gen, 32);
    const loss = mseLoss(model.call(x), y);
    opt.zeroGrad();
    loss.backward();
    const norm = clip === null ? Math.sqrt(model.parameters().reduce((a, p) => a + (p.grad === null ? 0 : p.grad.pow(2).sum().item()), 0)) : clipGradNorm(model.parameters(), clip);
    maxNorm = Math.max(maxNorm, norm);
    opt.step();
    diag.step();
    // Diverged: the loss passed 1000 (the targets have variance 1); go on until it is no longer finite.
    if (diverged === 0 && !(loss.item() < 1e3)) diverged = s;
    if (!Number.isFinite(loss.item())) {
      nonFinite = s;
      break;
    }
  }
  diag.endEpoch();
  const final = testLoss();
  const exploding = diag.warnings.filter((w) => w.kind === 'exploding');
  console.log(`${clip === null ? 'no clipping     ' : `clipGradNorm(${clip})`}: test MSE ${initial.toFixed(4)} → ${Number.isFinite(final) ? final.toFixed(4) : String(final)}, largest gradient norm ${maxNorm.toExponential(2)}${diverged > 0 ? `, diverged at step ${diverged}` : ''}${nonFinite > 0 ? `, loss not finite at step ${nonFinite}` : ''}`);
  for (const w of exploding) console.log(`  warning: ${w.message}`);
  return { initialMse: initial, finalMse: final, maxGradNorm: maxNorm, divergedAtStep: diverged, nonFiniteAtStep: nonFinite, explodingWarnings: exploding.length };
}

const results = { plain: run(null), clipped: run(1) };
// JSON has no NaN/Infinity: write them as strings.
console.log(`result: ${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`);
