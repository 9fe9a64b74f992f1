import { Command } from 'commander';
import { setBackend } from '../../backend/index.js';
import { evaluate } from '../../train/index.js';
import { loadDataSource } from '../data-source.js';
import { loadModel } from '../load-model.js';
import { createOutput } from '../output.js';
import { column, integer } from '../parse.js';

interface EvaluateFlags {
  readonly model: string;
  readonly data?: string;
  readonly dataDir?: string;
  readonly labelColumn?: number | string;
  readonly limit?: number;
  readonly batchSize?: number;
  readonly backend?: string;
  readonly json?: boolean;
}

export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description("measure a saved model's loss and accuracy on the test part of a data set")
    .requiredOption('--model <path>', 'a model file written by deeptrace train (.safetensors)')
    .option('--data <name>', 'data set (default: the one the model was trained on)')
    .option('--data-dir <dir>', 'where the Fashion-MNIST files are')
    .option('--label-column <column>', 'CSV label column', column)
    .option('--limit <n>', 'use at most n test samples', integer)
    .option('--batch-size <n>', 'samples per batch', integer)
    .option('--backend <name>', 'js or wasm')
    .option('--json', 'end the output with one JSON object')
    .action(async (flags: EvaluateFlags) => {
      const out = createOutput(flags.json ?? false);
      if (flags.backend !== undefined) setBackend(flags.backend);
      const { model, data: trainedOn } = await loadModel(flags.model);
      const data = flags.data ?? trainedOn ?? 'digits';
      const source = loadDataSource(data, {
        ...(flags.dataDir === undefined ? {} : { dir: flags.dataDir }),
        ...(flags.limit === undefined ? {} : { limit: flags.limit }),
        ...(flags.labelColumn === undefined ? {} : { labelColumn: flags.labelColumn }),
      });
      const started = performance.now();
      const result = evaluate(model, source.test, { loss: 'crossEntropy', metrics: ['accuracy'], batchSize: flags.batchSize ?? 256 });
      const seconds = (performance.now() - started) / 1000;
      const summary = { model: flags.model, data, samples: source.test.length, testAccuracy: result['accuracy'], testLoss: result['loss'], seconds };
      out.result(summary, () => `${data} test part (${summary.samples} samples): accuracy ${((summary.testAccuracy ?? NaN) * 100).toFixed(2)}%, loss ${(summary.testLoss ?? NaN).toFixed(4)}`);
    });
}
