import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setBackend } from '../../src/backend/index.js';
import { AutogradError, BackendError, DeeptraceError, DTypeError, IndexError, ShapeError } from '../../src/errors/index.js';
import * as ops from '../../src/ops/index.js';
import { ones, tensor, zeros } from '../../src/tensor/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { assertThrowsWith } from '../helpers/assert-close.js';

const help = /\n- help: \S/;

describe('shape errors name the op and both shapes', () => {
  it('matmul: inner dimensions differ', () => {
    const e = assertThrowsWith(() => ops.matmul(zeros([128, 784]), zeros([256, 10])), ShapeError, [
      'matmul: inner dimensions differ: [128,784] x [256,10]',
    ]);
    assert.ok(e.message.startsWith('matmul: inner dimensions differ: [128,784] x [256,10]'));
    assert.match(e.message, help);
    assertThrowsWith(() => ops.matmul(zeros([2, 3, 4]), zeros([5])), ShapeError, ['matmul', '[2,3,4]', '[5]']);
  });

  it('broadcasting failures in binary ops and where', () => {
    assertThrowsWith(() => ops.add(zeros([2, 3]), zeros([4])), ShapeError, ['add:', '[2,3]', '[4]', help]);
    assertThrowsWith(() => ones([2]).mul(ones([3])), ShapeError, ['mul:', '[2]', '[3]']);
    assertThrowsWith(() => ops.where(ones([2]), ones([3]), 0), ShapeError, ['where:', '[2]', '[3]']);
  });

  it('reshape, expand, concat, stack, split, gather, conv2d, backward', () => {
    assertThrowsWith(() => ops.reshape(zeros([2, 3]), [4]), ShapeError, ['reshape', '[2,3]', '[4]', help]);
    assertThrowsWith(() => ops.expand(zeros([2, 3]), [2, 4]), ShapeError, ['expand', '[2,3]', '[2,4]']);
    assertThrowsWith(() => ops.concat([zeros([2, 3]), zeros([2, 4])]), ShapeError, ['concat', '[2,3]', '[2,4]']);
    assertThrowsWith(() => ops.stack([zeros([2]), zeros([3])]), ShapeError, ['stack', '[2]', '[3]']);
    assertThrowsWith(() => ops.split(zeros([5]), [2, 2]), ShapeError, ['split', '[2,2]', '5']);
    assertThrowsWith(() => ops.gather(zeros([2, 3]), 1, zeros([2], { dtype: 'int32' })), ShapeError, ['gather', '[2]', '[2,3]']);
    assertThrowsWith(() => ops.conv2d(zeros([1, 3, 5, 5]), zeros([4, 2, 3, 3])), ShapeError, ['conv2d', '[1,3,5,5]', '[4,2,3,3]', help]);
    assertThrowsWith(() => ops.conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 3, 3])), ShapeError, ['conv2d', 'does not fit', '[1,1,2,2]', help]);
    const x = tensor([1, 2], { requiresGrad: true });
    assertThrowsWith(() => x.mul(2).backward(ones([3])), ShapeError, ['backward', '[3]', '[2]']);
  });
});

describe('dtype errors say what was expected and how to fix it', () => {
  const cases: [string, () => unknown, string[]][] = [
    ['matmul of int32', () => ops.matmul(zeros([2, 2], { dtype: 'int32' }), zeros([2, 2])), ['matmul', 'int32', 'float']],
    ['conv2d of int32', () => ops.conv2d(zeros([1, 1, 3, 3], { dtype: 'int32' }), zeros([1, 1, 2, 2])), ['conv2d', 'int32', 'float']],
    ['conv2d of mixed float types', () => ops.conv2d(zeros([1, 1, 3, 3], { dtype: 'float64' }), zeros([1, 1, 2, 2])), ['conv2d', 'float64', 'float32']],
    ['maxPool2d of int32', () => ops.maxPool2d(zeros([1, 1, 2, 2], { dtype: 'int32' }), 2), ['maxPool2d', 'int32', 'float']],
    ['a float index for gather', () => ops.gather(zeros([2, 2]), 0, zeros([2, 2])), ['gather', 'int32', 'float32']],
    ['a float index for indexSelect', () => ops.indexSelect(zeros([2, 2]), 0, zeros([1])), ['indexSelect', 'int32', 'float32']],
    ['concat of mixed dtypes', () => ops.concat([zeros([1]), zeros([1], { dtype: 'float64' })]), ['concat', 'float32', 'float64']],
    ['requiresGrad on int32', () => zeros([2], { dtype: 'int32', requiresGrad: true }), ['int32', 'float']],
    ['requiresGrad_() on int32', () => zeros([2], { dtype: 'int32' }).requiresGrad_(), ['int32', 'float']],
  ];
  for (const [title, fn, parts] of cases) {
    it(title, () => {
      assertThrowsWith(fn, DTypeError, [...parts, help]);
    });
  }
});

describe('index errors say what range was expected and how to fix it', () => {
  const x = () => zeros([3, 2]);
  const cases: [string, () => unknown, string[]][] = [
    ['indexSelect index past the end', () => ops.indexSelect(x(), 0, [0, 3]), ['indexSelect', 'index 3', 'axis 0', 'size 3', '0 <= index < 3']],
    ['negative gather index', () => ops.gather(x(), 1, tensor([[-1]], { dtype: 'int32' })), ['gather', 'index -1', 'size 2']],
    ['slice index past the end', () => ops.slice(x(), [3]), ['slice', 'index 3', 'axis 0', 'size 3', '[-3, 2]']],
    ['slice with too many specs', () => ops.slice(x(), [0, 0, 0]), ['slice', '3', '[3,2]']],
    ['reduction axis out of range', () => ops.sum(x(), 2), ['sum', 'axis 2', '2 dimensions', '[-2, 1]']],
    ['negative axis out of range', () => ops.softmax(x(), -3), ['softmax', 'axis -3', '[-2, 1]']],
    ['logSoftmax axis out of range', () => ops.logSoftmax(x(), 2), ['logSoftmax', 'axis 2']],
    ['transpose axis out of range', () => ops.transpose(x(), 0, 5), ['transpose', 'axis 5']],
    ['item of a tensor with many elements', () => x().item(), ['item', '[3,2]']],
  ];
  for (const [title, fn, parts] of cases) {
    it(title, () => {
      assertThrowsWith(fn, IndexError, [...parts, help]);
    });
  }
});

describe('autograd misuse', () => {
  it('backward from a non-scalar without a gradient', () => {
    const y = tensor([1, 2, 3], { requiresGrad: true }).mul(2);
    assertThrowsWith(() => y.backward(), AutogradError, ['backward', '[3]', 'scalar', 'y.backward(onesLike(y))', 'sum()', help]);
  });

  it('a second backward through a released graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward();
    assertThrowsWith(() => y.backward(), AutogradError, ['second time', 'retainGraph: true', help]);
  });

  it('backward from a tensor that does not require grad', () => {
    assertThrowsWith(() => tensor([1]).sum().backward(), AutogradError, ['does not require grad', 'requiresGrad', help]);
  });
});

describe('other misuse', () => {
  it('an unknown backend lists the known ones', () => {
    const e = assertThrowsWith(() => setBackend('nope'), BackendError, ["'nope'", "setBackend('js')", help]);
    assert.ok(Array.isArray((e as BackendError).expected));
  });

  it('a plain array where a tensor is expected names the argument and the op', () => {
    const bad = [1, 2] as unknown as Tensor;
    assertThrowsWith(() => ops.add(ones([2]), bad), DeeptraceError, ["Argument 'b'", "'add'", 'tensor(...)']);
  });

  it('a ragged nested array', () => {
    assertThrowsWith(() => tensor([[1, 2], [3]]), ShapeError, ['ragged', help]);
  });

  it('every error class carries structured fields and its name', () => {
    try {
      ops.matmul(zeros([2, 3]), zeros([2, 3]));
      assert.fail('expected a throw');
    } catch (e) {
      assert.ok(e instanceof ShapeError);
      assert.equal(e.name, 'ShapeError');
      assert.ok(e instanceof DeeptraceError);
      assert.equal(typeof e.hint, 'string');
    }
  });
});
