// Every attribution method on a small Fashion-MNIST CNN: deletion and insertion AUC against a
// random pixel order, run time, completeness (IG) or conservation (LRP) error; then the sanity
// check of Adebayo et al. 2018 (rank correlation of each map with the map of a model whose
// layers are re-initialized from the top down).
// Run: npx tsx examples/09-explain-table.ts [--quick] [--images N] [--out DIR]
// The model is trained here (a few seconds to a minute) and saved as DIR/fashion-cnn.safetensors;
// a later run reuses it (`deeptrace explain --model DIR/fashion-cnn.safetensors` draws its maps).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../src/cli/load-model.js';
import { loadFashionMnist } from '../src/data/index.js';
import { attributionMethods } from '../src/explain/index.js';
import { cascadingRandomization, compareMethods, comparisonMarkdown } from '../src/explain/evaluate/index.js';
import { saveModelFile } from '../src/io/index.js';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../src/nn/index.js';
import { Adam } from '../src/optim/index.js';
import { Generator } from '../src/tensor/index.js';
import { evaluate, fit } from '../src/train/index.js';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const outDir = arg('--out') ?? 'runs/explain';
const images = Number(arg('--images') ?? (quick ? 2 : 50));
const modelPath = join(outDir, quick ? 'fashion-cnn-quick.safetensors' : 'fashion-cnn.safetensors');

if (!existsSync(modelPath)) {
  const gen = new Generator(0);
  // conv 3×3×8 → ReLU → pool → conv 3×3×16 → ReLU → pool → dense 64 → ReLU → dense 10.
  const net = new Sequential([
    new Conv2d(1, 8, { kernelSize: 3, padding: 1, generator: gen }),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(8, 16, { kernelSize: 3, padding: 1, generator: gen }),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(16 * 7 * 7, 64, { generator: gen }),
    new ReLU(),
    new Linear(64, 10, { generator: gen }),
  ]);
  const train = loadFashionMnist({ split: 'train', limit: quick ? 1000 : 20000 });
  const started = performance.now();
  await fit(net, { train, loss: 'crossEntropy', optimizer: new Adam(net.parameters(), { lr: 2e-3 }), epochs: quick ? 1 : 2, batchSize: 64, seed: 0 });
  const accuracy = evaluate(net.eval(), loadFashionMnist({ split: 'test', limit: 2000 }), { metrics: ['accuracy'] })['accuracy'] ?? Number.NaN;
  console.log(`trained on ${train.length} images in ${((performance.now() - started) / 1000).toFixed(1)} s; test accuracy (2000 images) ${(accuracy * 100).toFixed(1)}%`);
  mkdirSync(outDir, { recursive: true });
  await saveModelFile(modelPath, { stateDict: net.stateDict(), architecture: net.toConfig(), metadata: { data: 'fashion-mnist', inputShape: '[1,28,28]', classes: '10' } });
}
const { model } = await loadModel(modelPath);
const test = loadFashionMnist({ split: 'test', limit: images });
const x = test.inputs.slice({ start: 0, end: images }).contiguous();

console.log(`\n${images} Fashion-MNIST test images, 28×28; pixels removed (set to 0) / inserted (into a blurred copy) 16 at a time; model ${modelPath}\n`);
const comparison = compareMethods(model, x, attributionMethods, { pixelsPerStep: 16, deletionBaseline: 'zero', insertionBaseline: 'blur', randomOrders: 3 });
console.log(comparisonMarkdown(comparison));

// Sanity check on the first images: Spearman correlation with the original map after
// re-initializing the top layer, the top two, ..., all of them.
const sanityImages = quick ? 1 : 5;
const header = ['method'];
const table: string[] = [];
for (const [name, method] of Object.entries(attributionMethods)) {
  let steps: { layer: string; spearman: number; spearmanAbs: number }[] = [];
  for (let i = 0; i < sanityImages; i++) {
    const report = cascadingRandomization(model, x.slice({ start: i, end: i + 1 }).contiguous(), method, { seed: i });
    steps = report.steps.map((s, k) => ({ layer: s.layer, spearman: (steps[k]?.spearman ?? 0) + s.spearman / sanityImages, spearmanAbs: (steps[k]?.spearmanAbs ?? 0) + s.spearmanAbs / sanityImages }));
  }
  if (header.length === 1) header.push(...steps.map((s) => `↓${s.layer}`));
  table.push(`| ${name} | ${steps.map((s) => `${s.spearman.toFixed(2)} (${s.spearmanAbs.toFixed(2)})`).join(' | ')} |`);
}
console.log(`\nsanity check (cascading randomization, mean over ${sanityImages} images): Spearman ρ of each map with the trained model's map (ρ of |map| in parentheses) after re-initializing every layer from the output down to the one named`);
console.log(`| ${header.join(' | ')} |`);
console.log(`|---|${header.slice(1).map(() => '---:').join('|')}|`);
console.log(table.join('\n'));
