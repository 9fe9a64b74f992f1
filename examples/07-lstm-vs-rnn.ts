// LSTM vs vanilla RNN on the adding problem (Hochreiter & Schmidhuber, 1997): each step holds a
// random value in [0, 1] and a marker; the target is the sum of the two marked values, one in
// each half of the sequence. Always predicting 1 scores MSE 1/6 ≈ 0.167. The LSTM's gated cell
// carries the first value across the sequence and solves it; the tanh RNN stays at the baseline.
// --quick: T = 30, at most 700 steps, stopping once the test MSE is below 0.05 (CI-sized).
// Run: npx tsx examples/07-lstm-vs-rnn.ts [--quick] [--steps N] [--length T]
import { Adam, Generator, LSTM, LastTimeStep, Linear, RNN, Sequential, Tensor, clipGradNorm, manualSeed, mseLoss, noGrad } from '../src/index.js';

const quick = process.argv.includes('--quick');
const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const T = arg('--length', quick ? 30 : 50);
const steps = arg('--steps', quick ? 700 : 1500);
const solvedMse = 0.05;
const batchSize = quick ? 16 : 32;
const hidden = 16;
const lr = 0.02;
const baseline = 1 / 6;

function addingBatch(gen: Generator, n: number): { x: Tensor; y: Tensor } {
  const x = new Float32Array(n * T * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) x[(i * T + t) * 2] = gen.random();
    const a = Math.floor(gen.random() * Math.floor(T / 2));
    const b = Math.floor(T / 2) + Math.floor(gen.random() * Math.ceil(T / 2));
    x[(i * T + a) * 2 + 1] = 1;
    x[(i * T + b) * 2 + 1] = 1;
    y[i] = x[(i * T + a) * 2]! + x[(i * T + b) * 2]!;
  }
  return { x: new Tensor(x, [n, T, 2]), y: new Tensor(y, [n, 1]) };
}

function run(kind: 'lstm' | 'rnn'): Record<string, number> {
  manualSeed(0);
  const rnn = kind === 'lstm' ? new LSTM(2, hidden) : new RNN(2, hidden);
  if (rnn instanceof LSTM) {
    // Forget-gate bias +1 in each of b_ih and b_hh (gates i, f, g, o: f is rows [H, 2H)), so the
    // cell starts out remembering (Gers et al., 2000; Jozefowicz et al., 2015).
    noGrad(() => {
      for (const name of ['bias_ih_l0', 'bias_hh_l0']) rnn.stateDict()[name]!.storage.fill(1, hidden, 2 * hidden);
    });
  }
  const model = new Sequential([new LastTimeStep(rnn), new Linear(hidden, 1)]);
  const opt = new Adam(model.parameters(), { lr });
  const gen = new Generator(1);
  const test = addingBatch(new Generator(2), 500);
  const evaluate = (): { mse: number; solved: number } =>
    noGrad(() => {
      const out = model.call(test.x).values();
      const y = test.y.values();
      let se = 0;
      let ok = 0;
      for (let i = 0; i < y.length; i++) {
        se += (out[i]! - y[i]!) ** 2;
        if (Math.abs(out[i]! - y[i]!) < 0.04) ok++;
      }
      return { mse: se / y.length, solved: ok / y.length };
    });
  const started = performance.now();
  const curve: string[] = [];
  const every = 50;
  let solvedAt = 0;
  let s = 1;
  for (; s <= steps; s++) {
    const { x, y } = addingBatch(gen, batchSize);
    const loss = mseLoss(model.call(x), y);
    opt.zeroGrad();
    loss.backward();
    clipGradNorm(model.parameters(), 1);
    opt.step();
    if (s % every === 0) {
      const mse = evaluate().mse;
      curve.push(mse.toFixed(3));
      if (solvedAt === 0 && mse < solvedMse) solvedAt = s;
      if (quick && solvedAt > 0) break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const { mse, solved } = evaluate();
  console.log(`${kind.toUpperCase().padEnd(4)}: test MSE every ${every} steps ${curve.join(' ')}`);
  console.log(`      ${solvedAt > 0 ? `MSE < ${solvedMse} after ${solvedAt} steps` : `never below ${solvedMse} in ${steps} steps`}; final test MSE ${mse.toFixed(4)} (baseline ${baseline.toFixed(3)}), |error| < 0.04 on ${(solved * 100).toFixed(1)}% of sequences, ${Math.min(s, steps)} steps in ${seconds.toFixed(1)} s`);
  return { mse, solved, solvedAt, steps: Math.min(s, steps), seconds };
}

console.log(`adding problem: T = ${T}, ${steps} Adam steps (lr ${lr}, batch ${batchSize}, clipGradNorm 1), hidden ${hidden}`);
const results = { length: T, steps, lstm: run('lstm'), rnn: run('rnn') };
console.log(`result: ${JSON.stringify(results)}`);
