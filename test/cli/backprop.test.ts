import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossEntropy, mseLoss } from '../../src/nn/index.js';
import { tensor } from '../../src/tensor/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import type { CliRun } from '../helpers/cli.js';
import { runDeeptrace } from '../helpers/cli.js';

function deeptrace(...args: string[]): CliRun {
  return runDeeptrace('backprop', ...args);
}

interface JsonLayer {
  activation: string;
  negativeSlope?: number;
  weight: number[][];
  bias: number[];
  z: number[];
  a: number[];
  dLda: number[];
  dLdz: number[];
  dW: number[][];
  db: number[];
  dead: boolean[];
}
interface JsonTrace {
  sizes: number[];
  loss: string;
  x: number[];
  y: number[];
  lossValue: number;
  dLdx: number[];
  layers: JsonLayer[];
}

/** Recomputes every number of the JSON with deeptrace autograd from the weights and sample it printed. */
function checkAgainstAutograd(trace: JsonTrace): void {
  const f64 = { dtype: 'float64', requiresGrad: true } as const;
  const x = tensor([trace.x], f64);
  const params = trace.layers.map((l) => ({ w: tensor(l.weight, f64), b: tensor(l.bias, f64) }));
  const kept: { z: Tensor; a: Tensor }[] = [];
  let a = x;
  trace.layers.forEach((layer, l) => {
    const z = a.matmul(params[l]!.w.T).add(params[l]!.b).retainGrad();
    const act: Record<string, () => Tensor> = {
      relu: () => z.relu(),
      leakyRelu: () => z.leakyRelu(layer.negativeSlope),
      sigmoid: () => z.sigmoid(),
      tanh: () => z.tanh(),
      identity: () => z,
    };
    a = act[layer.activation]!().retainGrad();
    kept.push({ z, a });
  });
  const y = tensor([trace.y], { dtype: 'float64' });
  const loss = trace.loss === 'mse' ? mseLoss(a, y) : crossEntropy(a, y);
  loss.backward();
  const near = (got: number, want: number, what: string): void => assert.ok(Math.abs(got - want) < 1e-12, `${what}: ${got} vs autograd ${want}`);
  const nearAll = (got: readonly number[], want: Tensor, what: string): void => {
    const values = Array.from(want.values());
    assert.equal(got.length, values.length, what);
    got.forEach((v, i) => near(v, values[i]!, `${what}[${i}]`));
  };
  near(trace.lossValue, loss.item(), 'loss');
  nearAll(trace.dLdx, x.grad!, 'dL/dx');
  trace.layers.forEach((layer, l) => {
    nearAll(layer.z, kept[l]!.z, `z^${l + 1}`);
    nearAll(layer.a, kept[l]!.a, `a^${l + 1}`);
    nearAll(layer.dLda, kept[l]!.a.grad!, `dL/da^${l + 1}`);
    nearAll(layer.dLdz, kept[l]!.z.grad!, `dL/dz^${l + 1}`);
    nearAll(layer.dW.flat(), params[l]!.w.grad!, `dL/dW^${l + 1}`);
    nearAll(layer.db, params[l]!.b.grad!, `dL/db^${l + 1}`);
  });
}

describe('deeptrace backprop', () => {
  it('--json prints weights, sample, target and every layer\'s z, a, dL/da, dL/dz that autograd reproduces', () => {
    const run = deeptrace('--json');
    assert.equal(run.status, 0, run.stderr);
    const trace = JSON.parse(run.stdout.trim()) as JsonTrace;
    assert.deepEqual(trace.sizes, [2, 3, 2]);
    assert.equal(trace.loss, 'softmaxCrossEntropy');
    assert.deepEqual(trace.layers.map((l) => l.activation), ['relu', 'identity']);
    checkAgainstAutograd(trace);
  });

  it('follows --layers, --activation, --output-activation, --loss and --seed', () => {
    const run = deeptrace('--json', '--layers', '3,4,3,2', '--activation', 'tanh', '--output-activation', 'sigmoid', '--loss', 'mse', '--seed', '7');
    assert.equal(run.status, 0, run.stderr);
    const trace = JSON.parse(run.stdout.trim()) as JsonTrace;
    assert.deepEqual(trace.sizes, [3, 4, 3, 2]);
    assert.deepEqual(trace.layers.map((l) => l.activation), ['tanh', 'tanh', 'sigmoid']);
    assert.equal(trace.loss, 'mse');
    checkAgainstAutograd(trace);
    const other = JSON.parse(deeptrace('--json', '--layers', '3,4,3,2', '--seed', '8').stdout.trim()) as JsonTrace;
    assert.notDeepEqual(other.layers[0]!.weight, trace.layers[0]!.weight);
  });

  it('prints an aligned table per layer without --json', () => {
    const run = deeptrace('--layers', '2,3,2', '--activation', 'leakyRelu');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /layer 1: z\^1 = W\^1·a\^0 \+ b\^1, {2}a\^1 = leakyRelu\(z\^1\)/);
    assert.match(run.stdout, /layer 2: .*identity/);
    const headers = run.stdout.split('\n').filter((l) => l.includes('unit │'));
    assert.equal(headers.length, 2);
    const rows = run.stdout.split('\n').filter((l) => /^\s+\d+ │/.test(l));
    assert.equal(rows.length, 5);
    // Columns line up: every row of a table has its separators where the header has them.
    const bars = (line: string): number[] => [...line].flatMap((c, i) => (c === '│' ? [i] : []));
    assert.deepEqual(bars(rows[0]!), bars(headers[0]!));
  });

  it('rejects an unknown activation and too few layer sizes with exit code 1', () => {
    const bad = deeptrace('--activation', 'softsign');
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /expected one of relu, leakyRelu, sigmoid, tanh, identity/);
    const short = deeptrace('--layers', '3');
    assert.equal(short.status, 1);
    assert.match(short.stderr, /at least two positive integers/);
  });
});
