import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { getLoss, isLossName, losses } from '../../../src/nn/losses/index.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';

describe('losses lookup', () => {
  it('finds losses by short and long name', () => {
    const x = tensor([1, 2]);
    const y = tensor([0, 0]);
    assertClose(losses.mse(x, y), 2.5);
    assertClose(getLoss('mseLoss')(x, y), 2.5);
    assertClose(getLoss('l1')(x, y), 1.5);
    assertClose(getLoss('crossEntropy')(tensor([[0, 0]]), tensor([1], { dtype: 'int32' })), Math.LN2);
    assert.ok(isLossName('huber'));
    assert.ok(!isLossName('toString'));
  });

  it('lists the names when one is unknown', () => {
    assertThrowsWith(() => getLoss('hinge'), ConfigError, ["unknown loss 'hinge'", 'crossEntropy', 'mse']);
  });
});
