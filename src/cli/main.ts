import { Command } from 'commander';
import { DeeptraceError } from '../errors/index.js';
import { backpropCommand } from './commands/backprop.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { evaluateCommand } from './commands/evaluate.js';
import { explainCommand } from './commands/explain.js';
import { federateCommand } from './commands/federate.js';
import { predictCommand } from './commands/predict.js';
import { summaryCommand } from './commands/summary.js';
import { trainCommand } from './commands/train.js';

/** Builds the `deeptrace` command: parses flags into typed options and dispatches; no library logic here. */
export function createProgram(): Command {
  return new Command('deeptrace')
    .description('deeptrace: train, evaluate and inspect deep neural networks')
    .version('0.1.0')
    .addCommand(trainCommand())
    .addCommand(evaluateCommand())
    .addCommand(predictCommand())
    .addCommand(summaryCommand())
    .addCommand(backpropCommand())
    .addCommand(diagnoseCommand())
    .addCommand(federateCommand())
    .addCommand(explainCommand());
}

/** Runs the command line; errors of deeptrace print their message (no stack) and exit with 1. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await createProgram().parseAsync([...argv]);
  } catch (error) {
    if (error instanceof DeeptraceError || (error instanceof Error && error.name === 'SyntaxError')) {
      process.stderr.write(`deeptrace: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) await main(process.argv);
