// An MLP on the embedded UCI digits with fit(): the library's main path in a dozen lines.
// Run: npx tsx examples/02-digits.ts [--epochs N]
import { Adam, evaluate, fit, loadDigits, mlp } from '../src/index.js';

const epochsAt = process.argv.indexOf('--epochs');
const epochs = epochsAt >= 0 ? Number(process.argv[epochsAt + 1]) : 20;

const model = mlp(64, [128], 10, { dropout: 0.2 });
const history = await fit(model, {
  train: loadDigits({ split: 'train' }),
  validationSplit: 0.1,
  loss: 'crossEntropy',
  optimizer: new Adam(model.parameters(), { lr: 3e-3 }),
  epochs,
  batchSize: 32,
  metrics: ['accuracy'],
  seed: 0,
});
console.log(`last epoch: ${JSON.stringify(history.last)}`);
console.log(evaluate(model, loadDigits({ split: 'test' }), { metrics: ['accuracy'] }));
