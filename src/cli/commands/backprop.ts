import { Command, InvalidArgumentError } from 'commander';
import { backpropActivations, backpropLosses, backpropTrace, formatBackpropTrace } from '../../backprop/index.js';
import type { BackpropActivation, BackpropLoss } from '../../backprop/index.js';
import { createOutput } from '../output.js';
import { integer, integerList } from '../parse.js';

interface BackpropFlags {
  readonly layers: number[];
  readonly activation: BackpropActivation;
  readonly outputActivation: BackpropActivation;
  readonly loss: BackpropLoss;
  readonly seed: number;
  readonly json?: boolean;
}

function oneOf<T extends string>(names: readonly T[]): (value: string) => T {
  return (value) => {
    const found = names.find((n) => n === value);
    if (found === undefined) throw new InvalidArgumentError(`expected one of ${names.join(', ')}, got '${value}'`);
    return found;
  };
}

export function backpropCommand(): Command {
  return new Command('backprop')
    .description("follow backprop by hand: each layer's z, a, dL/da and dL/dz for a tiny random network and one sample")
    .option('--layers <sizes>', 'layer sizes in,hidden...,out', integerList, [2, 3, 2])
    .option('--activation <name>', `hidden activation: ${backpropActivations.join(', ')}`, oneOf(backpropActivations), 'relu')
    .option('--output-activation <name>', 'activation of the last layer', oneOf(backpropActivations), 'identity')
    .option('--loss <name>', `loss: ${backpropLosses.join(', ')}`, oneOf(backpropLosses), 'softmaxCrossEntropy')
    .option('--seed <n>', 'seed of the weights (and, plus one, of the sample)', integer, 0)
    .option('--json', 'print the weights, the sample, the target and every layer\'s z, a, dL/da, dL/dz, dW, db as one JSON object')
    .action((flags: BackpropFlags) => {
      const trace = backpropTrace({
        sizes: flags.layers,
        activation: flags.activation,
        outputActivation: flags.outputActivation,
        loss: flags.loss,
        seed: flags.seed,
      });
      createOutput(flags.json ?? false).result(trace, () => formatBackpropTrace(trace));
    });
}
