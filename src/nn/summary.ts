import { noGrad } from '../autograd/grad-mode.js';
import type { HookHandle } from '../autograd/node.js';
import { formatShape } from '../errors/index.js';
import { zeros } from '../tensor/create.js';
import type { DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import type { Module } from './module.js';

export interface SummaryOptions {
  /** dtype of the zero input (int32 for models that start with an Embedding). @default 'float32' */
  readonly dtype?: DType;
}

interface Row {
  readonly name: string;
  readonly type: string;
  output: string;
  readonly params: number;
}

/** Shapes of a module's output: a tensor's shape, or the shapes inside an array (RNN's [output, hN]). */
function describeOutput(value: unknown): string {
  if (value instanceof Tensor) return formatShape(value.shape);
  if (Array.isArray(value)) return `(${value.map(describeOutput).join(', ')})`;
  return typeof value;
}

/** Parameters that belong to `module` itself, not to its children. */
function ownParameterCount(module: Module<never[], unknown>): number {
  return module.parameterCount() - module.children().reduce((n, c) => n + c.parameterCount(), 0);
}

/**
 * A Keras-style table of a model: one row per sub-module in call order with its dotted name,
 * type, output shape and own parameter count, then the totals. It runs one forward pass in
 * eval mode without gradients on zeros of `inputShape` (the full shape, batch axis included,
 * e.g. [1, 1, 28, 28]), recording shapes with forward hooks; the model's mode is restored.
 *
 * @example console.log(summary(model, [1, 784]))
 */
export function summary(model: Module<[Tensor], unknown>, inputShape: readonly number[], options: SummaryOptions = {}): string {
  const modules = model.namedModules().slice(1);
  const rows: Row[] = [];
  const seen = new Map<Module<never[], unknown>, Row>();
  const handles: HookHandle[] = [];
  for (const [name, module] of modules) {
    handles.push(
      module.registerForwardPreHook((m) => {
        if (seen.has(m as unknown as Module<never[], unknown>)) return;
        const row: Row = { name, type: m.constructor.name, output: '?', params: ownParameterCount(module) };
        seen.set(module, row);
        rows.push(row);
      }),
      module.registerForwardHook((_m, _inputs, output) => {
        const row = seen.get(module);
        if (row !== undefined && row.output === '?') row.output = describeOutput(output);
      }),
    );
  }
  const modes = model.namedModules().map(([, m]) => [m, m.training] as const);
  let modelOutput: unknown;
  try {
    model.eval();
    modelOutput = noGrad(() => model.call(zeros(inputShape, { dtype: options.dtype ?? 'float32' })));
  } finally {
    for (const h of handles) h.remove();
    for (const [m, training] of modes) m.training = training;
  }

  const header = ['Layer (type)', 'Output shape', 'Param #'];
  const body = rows.map((r) => [`${r.name} (${r.type})`, r.output, r.params.toLocaleString('en-US')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('   ');
  const total = widths.reduce((a, b) => a + b, 0) + 6;
  const params = model.parameters();
  const count = (keep: (t: Tensor) => boolean): string => params.filter(keep).reduce((n, p) => n + p.size, 0).toLocaleString('en-US');
  const buffers = model.buffers().reduce((n, b) => n + b.size, 0);
  return [
    `Model: ${model.constructor.name}   input ${formatShape(inputShape)} -> output ${describeOutput(modelOutput)}`,
    '='.repeat(total),
    line(header),
    '='.repeat(total),
    ...body.map(line),
    '='.repeat(total),
    `Total params: ${count(() => true)}`,
    `Trainable params: ${count((p) => p.requiresGrad)}`,
    `Non-trainable params: ${count((p) => !p.requiresGrad)}`,
    `Buffer elements: ${buffers.toLocaleString('en-US')}`,
    '-'.repeat(total),
  ].join('\n');
}
