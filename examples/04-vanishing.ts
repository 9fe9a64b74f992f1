// Vanishing gradients: a 10-layer sigmoid MLP barely updates its first layers, while the same
// network with ReLU and He initialization trains. Diagnostics measure the per-layer gradients.
// Run: npx tsx examples/04-vanishing.ts [--quick] [--report DIR]
import { DiagnosticsCallback, writeDiagnosticsReport } from '../src/diagnose/index.js';
import { Linear, SGD, evaluate, fit, kaimingNormal, loadDigits, manualSeed, mlp, noGrad } from '../src/index.js';

const quick = process.argv.includes('--quick');
const reportAt = process.argv.indexOf('--report');
const epochs = quick ? 5 : 15;
const train = loadDigits({ split: 'train' });
const test = loadDigits({ split: 'test' });

/** 10 Linear layers: 64 → 9 × 32 hidden → 10, PyTorch's default init, or He init for ReLU. */
function build(activation: 'sigmoid' | 'relu'): ReturnType<typeof mlp> {
  manualSeed(0);
  const model = mlp(64, Array.from({ length: 9 }, () => 32), 10, { activation });
  if (activation === 'relu') {
    // He et al. (2015): std √(2 / fan_in) keeps the variance of ReLU activations through depth.
    noGrad(() => {
      for (const layer of model.children()) {
        if (!(layer instanceof Linear)) continue;
        kaimingNormal(layer.weight, { nonlinearity: 'relu' });
        layer.bias?.storage.fill(0);
      }
    });
  }
  return model;
}

const results: Record<string, Record<string, number>> = {};
for (const activation of ['sigmoid', 'relu'] as const) {
  const model = build(activation);
  const cb = new DiagnosticsCallback();
  const started = performance.now();
  const history = await fit(model, { train, loss: 'crossEntropy', optimizer: new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 }), epochs, batchSize: 32, metrics: ['accuracy'], seed: 0, callbacks: [cb] });
  const diag = cb.diagnostics!;
  const layers = diag.parametrizedLayers;
  // Epoch-1 mean gradient norms, first and last Linear layer.
  const first = layers[0]!.epochs[0]!.gradNorm;
  const last = layers[layers.length - 1]!.epochs[0]!.gradNorm;
  const accuracy = evaluate(model, test, { metrics: ['accuracy'] })['accuracy']!;
  results[activation] = {
    firstGradNorm: first,
    lastGradNorm: last,
    ratio: first / last,
    firstUpdateRatio: layers[0]!.epochs[0]!.updateRatio,
    lastUpdateRatio: layers[layers.length - 1]!.epochs[0]!.updateRatio,
    trainLoss: history.last!.loss,
    testAccuracy: accuracy,
    vanishingWarnings: diag.warnings.filter((w) => w.kind === 'vanishing').length,
    seconds: (performance.now() - started) / 1000,
  };
  console.log(`${activation === 'sigmoid' ? 'sigmoid, default init' : 'relu, He init       '}: epoch-1 gradient norm per layer: ${layers.map((l) => l.epochs[0]!.gradNorm.toExponential(1)).join(' ')}`);
  console.log(`  first/last gradient norm ${(first / last).toExponential(2)}, update/weight first ${results[activation]['firstUpdateRatio']!.toExponential(2)} last ${results[activation]['lastUpdateRatio']!.toExponential(2)}`);
  console.log(`  training accuracy by epoch: ${history.series('accuracy').map((a) => a.toFixed(2)).join(' ')}`);
  console.log(`  after ${epochs} epochs: training loss ${history.last!.loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(1)}%`);
  for (const w of diag.warnings.filter((w) => w.kind === 'vanishing')) console.log(`  warning: ${w.message}`);
  if (reportAt >= 0) await writeDiagnosticsReport(`${process.argv[reportAt + 1]}/${activation}`, diag, history.epochs, { title: `Vanishing gradients: ${activation}` });
}
console.log(`result: ${JSON.stringify(results)}`);
