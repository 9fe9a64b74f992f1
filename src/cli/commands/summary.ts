import { Command } from 'commander';
import { summary } from '../../nn/index.js';
import type { Module } from '../../nn/index.js';
import type { Tensor } from '../../tensor/index.js';
import { loadDataSource } from '../data-source.js';
import { loadModel } from '../load-model.js';
import { buildModel, builtinModels } from '../model-spec.js';
import { createOutput } from '../output.js';

interface SummaryFlags {
  readonly model: string;
  readonly data?: string;
  readonly json?: boolean;
}

export function summaryCommand(): Command {
  return new Command('summary')
    .description("print a model's layers, output shapes and parameter counts")
    .requiredOption('--model <name>', `a model file (.safetensors), an architecture .json file, or ${builtinModels.join(', ')}`)
    .option('--data <name>', 'data set that fixes the input shape of a built-in model (default: digits)')
    .option('--json', 'end the output with one JSON object')
    .action(async (flags: SummaryFlags) => {
      const out = createOutput(flags.json ?? false);
      let model: Module<[Tensor], Tensor>;
      let inputShape: readonly number[];
      if (flags.model.endsWith('.safetensors')) {
        const loaded = await loadModel(flags.model);
        model = loaded.model;
        inputShape = loaded.inputShape ?? loadDataSource(flags.data ?? loaded.data ?? 'digits').inputShape;
      } else {
        const source = loadDataSource(flags.data ?? 'digits');
        inputShape = source.inputShape;
        model = buildModel(flags.model, inputShape, source.numClasses);
      }
      const table = summary(model, [1, ...inputShape]);
      const layers = model.namedModules().filter(([name]) => name !== '').map(([name, m]) => ({ name, layer: m.toString(), parameters: m.parameterCount() }));
      out.result({ model: flags.model, inputShape, parameters: model.parameterCount(), layers }, () => table);
    });
}
