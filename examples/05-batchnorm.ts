// Batch normalization: the same deep (10 Linear layers) ReLU network reaches a target validation
// accuracy in fewer epochs with a BatchNorm1d after every hidden Linear (Ioffe & Szegedy, 2015).
// Both use PyTorch's default init and Adam (lr 1e-3, batch 32) on the digits, the test split as validation.
// Run: npx tsx examples/05-batchnorm.ts [--quick]
import { Adam, fit, loadDigits, manualSeed, mlp } from '../src/index.js';

const quick = process.argv.includes('--quick');
const maxEpochs = quick ? 6 : 30;
const target = quick ? 0.8 : 0.9;
const train = loadDigits({ split: 'train' });
const validation = loadDigits({ split: 'test' });

const results: Record<string, { epochsToTarget: number | null; valAccuracy: number[]; seconds: number }> = {};
for (const batchNorm of [false, true]) {
  manualSeed(0);
  const model = mlp(64, Array.from({ length: 9 }, () => 32), 10, { batchNorm });
  const started = performance.now();
  const history = await fit(model, { train, validation, loss: 'crossEntropy', optimizer: new Adam(model.parameters(), { lr: 1e-3 }), epochs: maxEpochs, batchSize: 32, metrics: ['accuracy'], seed: 0 });
  const acc = history.series('val_accuracy');
  const at = acc.findIndex((a) => a >= target);
  const name = batchNorm ? 'with batch norm' : 'without batch norm';
  results[batchNorm ? 'batchNorm' : 'plain'] = { epochsToTarget: at < 0 ? null : at + 1, valAccuracy: acc, seconds: (performance.now() - started) / 1000 };
  console.log(`${name.padEnd(18)}: validation accuracy by epoch ${acc.map((a) => a.toFixed(3)).join(' ')}`);
  console.log(`${''.padEnd(18)}  ${at < 0 ? `never reached ${target} in ${maxEpochs} epochs` : `reached ${target} at epoch ${at + 1}`}`);
}
console.log(`result: ${JSON.stringify(results)}`);
