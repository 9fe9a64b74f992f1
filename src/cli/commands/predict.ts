import { Command } from 'commander';
import { noGrad } from '../../autograd/index.js';
import { setBackend } from '../../backend/index.js';
import { readCsv } from '../../data/index.js';
import { ConfigError } from '../../errors/index.js';
import { softmax } from '../../ops/index.js';
import type { Tensor } from '../../tensor/index.js';
import { loadDataSource } from '../data-source.js';
import { loadModel } from '../load-model.js';
import { createOutput } from '../output.js';
import { integer, integerList } from '../parse.js';

interface PredictFlags {
  readonly model: string;
  readonly data?: string;
  readonly dataDir?: string;
  readonly index?: number[];
  readonly input?: string;
  readonly top?: number;
  readonly backend?: string;
  readonly json?: boolean;
}

interface Prediction {
  readonly sample: number | string;
  readonly predicted: number;
  readonly label: string;
  readonly probability: number;
  readonly top: { readonly class: number; readonly label: string; readonly probability: number }[];
  readonly target?: number;
}

export function predictCommand(): Command {
  return new Command('predict')
    .description('predict classes with a saved model, for test-set samples or rows of a CSV file')
    .requiredOption('--model <path>', 'a model file written by deeptrace train (.safetensors)')
    .option('--data <name>', 'data set whose test part --index refers to (default: the one the model was trained on)')
    .option('--data-dir <dir>', 'where the Fashion-MNIST files are')
    .option('--index <list>', 'test-set sample indices, comma-separated', integerList)
    .option('--input <file.csv>', 'a CSV file of feature rows (no label column)')
    .option('--top <k>', 'how many classes to list per sample', integer)
    .option('--backend <name>', 'js or wasm')
    .option('--json', 'end the output with one JSON object')
    .action(async (flags: PredictFlags) => {
      const out = createOutput(flags.json ?? false);
      if (flags.backend !== undefined) setBackend(flags.backend);
      const { model, data: trainedOn, inputShape } = await loadModel(flags.model);
      let inputs: Tensor;
      let targets: number[] | undefined;
      let names: readonly string[] | undefined;
      let sampleIds: (number | string)[];
      if (flags.input !== undefined) {
        const table = readCsv(flags.input, { header: 'auto', labelColumn: null });
        inputs = inputShape === undefined ? table.inputs : table.inputs.reshape(-1, ...inputShape);
        sampleIds = Array.from({ length: inputs.shape[0]! }, (_, i) => `${flags.input}:${i + 1}`);
      } else {
        const source = loadDataSource(flags.data ?? trainedOn ?? 'digits', flags.dataDir === undefined ? {} : { dir: flags.dataDir });
        const indices = flags.index ?? [0];
        for (const i of indices) {
          if (i < 0 || i >= source.test.length) throw new ConfigError(`predict: index ${i} is outside the test part (0..${source.test.length - 1})`);
        }
        const batch = source.test.getBatch !== undefined ? source.test.getBatch(indices) : undefined;
        if (batch === undefined) throw new ConfigError('predict: this data set cannot be indexed in batches');
        inputs = batch.input;
        targets = Array.from(batch.target.values());
        names = source.classNames;
        sampleIds = indices;
      }
      const probabilities = noGrad(() => softmax(model.call(inputs), -1));
      const classes = probabilities.shape[1]!;
      const values = probabilities.values();
      const k = Math.min(flags.top ?? 3, classes);
      const labelOf = (c: number): string => names?.[c] ?? String(c);
      const predictions: Prediction[] = sampleIds.map((sample, row) => {
        const ranked = Array.from({ length: classes }, (_, c) => ({ class: c, label: labelOf(c), probability: values[row * classes + c]! }))
          .sort((a, b) => b.probability - a.probability);
        const best = ranked[0]!;
        return { sample, predicted: best.class, label: best.label, probability: best.probability, top: ranked.slice(0, k), ...(targets === undefined ? {} : { target: targets[row]! }) };
      });
      out.result({ model: flags.model, predictions }, () =>
        predictions
          .map((p) => `${p.sample}: ${p.label} (${(p.probability * 100).toFixed(1)}%)${p.target === undefined ? '' : `, true class ${labelOf(p.target)}`}; top ${p.top.map((t) => `${t.label} ${(t.probability * 100).toFixed(1)}%`).join(', ')}`)
          .join('\n'),
      );
    });
}
