import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { builtinModels } from '../model-spec.js';
import { optimizerNames } from '../optimizer-spec.js';
import { createOutput } from '../output.js';
import { column, defined, integer, integerList, number } from '../parse.js';
import { baseDefaults, recipeDefaults, validateConfigFile, validateTrainConfig } from '../train-config.js';
import type { TrainConfig } from '../train-config.js';
import { runTrainJob } from '../train-job.js';

interface TrainFlags extends Partial<TrainConfig> {
  readonly config?: string;
  readonly json?: boolean;
}

export function trainCommand(): Command {
  return new Command('train')
    .description('train a model and save it (defaults: the embedded digits and an MLP)')
    .option('--data <name>', "'digits', 'fashion-mnist', a directory of IDX files, or a .csv file (default: digits)")
    .option('--data-dir <dir>', 'where the Fashion-MNIST files are (default: /usr/share/datasets/fashion-mnist)')
    .option('--label-column <column>', 'CSV label column: index (negative counts from the end) or name', column)
    .option('--limit <n>', 'use at most n training and n test samples', integer)
    .option('--model <name>', `${builtinModels.join(', ')}, or an architecture .json file (default: mlp)`)
    .option('--hidden <widths>', 'hidden layer widths of the MLP, comma-separated (default: 256,128)', integerList)
    .option('--dropout <p>', 'dropout after each hidden MLP layer', number)
    .option('--epochs <n>', 'training epochs', integer)
    .option('--batch-size <n>', 'samples per batch', integer)
    .option('--lr <rate>', 'learning rate', number)
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(optimizerNames))
    .option('--weight-decay <w>', 'weight decay (L2 for adam/sgd, decoupled for adamw)', number)
    .addOption(new Option('--schedule <name>', 'learning-rate schedule').choices(['none', 'cosine', 'step']))
    .option('--validation-split <f>', 'fraction of the training part held out for validation', number)
    .option('--patience <n>', 'stop early after n epochs without a better validation loss', integer)
    .option('--seed <n>', 'random seed (same seed, same backend: same result)', integer)
    .option('--out <path>', 'where to save the model (.safetensors, with the architecture .json beside it; a directory gets model.safetensors)')
    .option('--log <path>', 'write per-epoch metrics as JSON lines to this file')
    .option('--backend <name>', 'js (reference) or wasm (fast, the default where it loads)')
    .option('--config <file>', 'a JSON file with any of these options (flags win over it)')
    .option('--json', 'end the output with one JSON object')
    .action(async (flags: TrainFlags) => {
      const out = createOutput(flags.json ?? false);
      const { config: configPath, json: _json, ...given } = defined(flags);
      void _json;
      const fromFile = configPath === undefined ? {} : validateConfigFile(JSON.parse(readFileSync(configPath, 'utf8')) as unknown, configPath);
      const data = given.data ?? fromFile.data ?? 'digits';
      const model = given.model ?? fromFile.model ?? 'mlp';
      const config = validateTrainConfig({ ...baseDefaults, ...recipeDefaults(data, model), ...fromFile, ...given, data, model }, configPath ?? 'flags');
      out.line(`deeptrace train: ${config.model} on ${config.data}, ${config.epochs} epochs, batch ${config.batchSize}, ${config.optimizer} lr ${config.lr}, seed ${config.seed}`);
      const summary = await runTrainJob(config, out.json ? process.stderr : process.stdout);
      out.result(summary, () =>
        [
          `test accuracy ${(summary.testAccuracy * 100).toFixed(2)}%, test loss ${summary.testLoss.toFixed(4)}`,
          `${summary.epochs} epochs in ${summary.trainSeconds.toFixed(1)} s (${Math.round(summary.samplesPerSecond)} samples/s), ${summary.parameters} parameters`,
          `model saved to ${summary.modelPath}`,
        ].join('\n'),
      );
    });
}
