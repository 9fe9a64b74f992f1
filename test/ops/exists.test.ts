import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ops from '../../src/ops/index.js';
import * as creation from '../../src/tensor/index.js';
import { Tensor } from '../../src/tensor/index.js';

/** The ops the foundation issue lists, by family. `var` is exported as `variance` (a reserved word). */
const opFunctions = [
  'reshape', 'flatten', 'transpose', 'permute', 'squeeze', 'unsqueeze', 'expand', 'concat', 'stack', 'split', 'slice',
  'gather', 'indexSelect', 'pad', 'where', 'clone', 'contiguous', 'cast',
  'add', 'sub', 'mul', 'div', 'pow', 'neg', 'abs', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid',
  'relu', 'leakyRelu', 'elu', 'gelu', 'softplus', 'clamp', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'sum', 'mean', 'max', 'min', 'argmax', 'argmin', 'variance', 'std', 'logsumexp', 'norm', 'softmax', 'logSoftmax',
  'matmul', 'conv2d', 'maxPool2d', 'avgPool2d',
];
const creationFunctions = ['tensor', 'zeros', 'ones', 'full', 'arange', 'linspace', 'eye', 'rand', 'randn', 'randint', 'randperm', 'manualSeed'];
const tensorMethods = [
  'reshape', 'flatten', 'transpose', 'permute', 'squeeze', 'unsqueeze', 'expand', 'split', 'slice', 'gather', 'indexSelect', 'pad',
  'clone', 'contiguous', 'toArray', 'item', 'add', 'sub', 'mul', 'div', 'pow', 'neg', 'abs', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt',
  'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'leakyRelu', 'elu', 'gelu', 'softplus', 'clamp', 'maximum', 'minimum', 'eq', 'ne', 'lt',
  'le', 'gt', 'ge', 'sum', 'mean', 'max', 'min', 'argmax', 'argmin', 'var', 'std', 'logsumexp', 'norm', 'softmax', 'logSoftmax',
  'matmul', 'backward', 'registerHook', 'retainGrad', 'zeroGrad', 'detach', 'requiresGrad_',
];

describe('the op surface of the foundation issue', () => {
  it('every listed op is exported by src/ops', () => {
    const exported = ops as Record<string, unknown>;
    assert.deepEqual(opFunctions.filter((name) => typeof exported[name] !== 'function'), []);
  });

  it('every creation function is exported by src/tensor', () => {
    const exported = creation as Record<string, unknown>;
    assert.deepEqual(creationFunctions.filter((name) => typeof exported[name] !== 'function'), []);
  });

  it('Tensor has a method for each', () => {
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    assert.deepEqual(tensorMethods.filter((name) => typeof proto[name] !== 'function'), []);
  });
});
