import { Command, Option } from 'commander';
import { setBackend } from '../../backend/index.js';
import { diagnoseRun } from '../../diagnose/diagnose-run.js';
import type { WarningThresholds } from '../../diagnose/options.js';
import { manualSeed } from '../../tensor/index.js';
import { Progress } from '../../train/index.js';
import { loadDataSource } from '../data-source.js';
import { builtinModels, buildModel } from '../model-spec.js';
import { makeOptimizer, optimizerNames } from '../optimizer-spec.js';
import { createOutput } from '../output.js';
import { integer, integerList, number } from '../parse.js';

interface DiagnoseFlags {
  readonly data: string;
  readonly dataDir?: string;
  readonly limit?: number;
  readonly model: string;
  readonly hidden?: number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly optimizer: string;
  readonly validationSplit: number;
  readonly every: number;
  readonly seed: number;
  readonly out: string;
  readonly vanishingRatio?: number;
  readonly explodingGrowth?: number;
  readonly deadFraction?: number;
  readonly overfitPatience?: number;
  readonly backend?: string;
  readonly json?: boolean;
}

export function diagnoseCommand(): Command {
  return new Command('diagnose')
    .description('train a model with per-layer diagnostics and write a report (table, warnings, PNG/SVG charts)')
    .option('--data <name>', "'digits', 'fashion-mnist', a directory of IDX files, or a .csv file", 'digits')
    .option('--data-dir <dir>', 'where the Fashion-MNIST files are')
    .option('--limit <n>', 'use at most n training and n test samples', integer)
    .option('--model <name>', `${builtinModels.join(', ')}, or an architecture .json file`, 'mlp')
    .option('--hidden <widths>', 'hidden layer widths of the MLP, comma-separated (default: 256,128)', integerList)
    .option('--epochs <n>', 'training epochs', integer, 5)
    .option('--batch-size <n>', 'samples per batch', integer, 32)
    .option('--lr <rate>', 'learning rate', number, 0.001)
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(optimizerNames).default('adam'))
    .option('--validation-split <f>', 'fraction held out for validation (the overfitting check needs it)', number, 0.2)
    .option('--every <k>', 'record statistics on every k-th step', integer, 1)
    .option('--seed <n>', 'random seed', integer, 0)
    .option('--out <dir>', 'report directory', 'diagnostics')
    .option('--vanishing-ratio <r>', 'warn when the first layer\'s gradient norm is below r × the last one\'s (default 0.01)', number)
    .option('--exploding-growth <g>', 'warn when the gradient norm jumps g-fold over its recent level (default 100)', number)
    .option('--dead-fraction <f>', 'warn when more than this fraction of a ReLU layer is dead for an epoch (default 0.5)', number)
    .option('--overfit-patience <n>', 'epochs of rising validation loss before an overfitting warning (default 2)', integer)
    .option('--backend <name>', 'js (reference) or wasm')
    .option('--json', 'end the output with one JSON object (warnings, per-layer stats, file paths)')
    .action(async (flags: DiagnoseFlags) => {
      const out = createOutput(flags.json ?? false);
      if (flags.backend !== undefined) setBackend(flags.backend);
      manualSeed(flags.seed);
      const source = loadDataSource(flags.data, {
        ...(flags.dataDir === undefined ? {} : { dir: flags.dataDir }),
        ...(flags.limit === undefined ? {} : { limit: flags.limit }),
        seed: flags.seed,
      });
      const model = buildModel(flags.model, source.inputShape, source.numClasses, flags.hidden === undefined ? {} : { hidden: flags.hidden });
      const thresholds: WarningThresholds = {
        ...(flags.vanishingRatio === undefined ? {} : { vanishingRatio: flags.vanishingRatio }),
        ...(flags.explodingGrowth === undefined ? {} : { explodingGrowth: flags.explodingGrowth }),
        ...(flags.deadFraction === undefined ? {} : { deadFraction: flags.deadFraction }),
        ...(flags.overfitPatience === undefined ? {} : { overfitPatience: flags.overfitPatience }),
      };
      out.line(`deeptrace diagnose: ${flags.model} on ${source.name}, ${flags.epochs} epochs, ${flags.optimizer} lr ${flags.lr}, report in ${flags.out}`);
      const result = await diagnoseRun({
        model,
        train: source.train,
        validationSplit: flags.validationSplit,
        optimizer: makeOptimizer(flags.optimizer, model.parameters(), flags.lr),
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        seed: flags.seed,
        out: flags.out,
        diagnostics: { every: flags.every, thresholds },
        callbacks: [new Progress({ stream: out.json ? process.stderr : process.stdout })],
        onWarning: (w) => out.line(`warning: ${w.message}`),
        title: `Diagnostics: ${flags.model} on ${source.name}`,
      });
      out.result(result, () =>
        [
          `${result.warnings.length} warning(s); ${result.layers.length} layers observed over ${result.steps} steps`,
          ...result.layers
            .filter((l) => l.parameters > 0)
            .map((l) => `  ${l.name} ${l.type}: grad norm ${l.gradNorm?.toExponential(2) ?? '-'}, update/weight ${l.updateRatio?.toExponential(2) ?? '-'}`),
          `report: ${result.files.report}`,
        ].join('\n'),
      );
    });
}
