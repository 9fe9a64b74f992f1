import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Generator, manualSeed, rand, randint, randn, randperm } from '../../src/tensor/index.js';

function draws(): number[][] {
  return [
    Array.from(rand([5]).values()),
    Array.from(randn([5], { dtype: 'float64' }).values()),
    Array.from(randint(-3, 4, [6]).values()),
    Array.from(randperm(7).values()),
  ];
}

describe('seeded random numbers', () => {
  it('manualSeed reproduces rand, randn, randint and randperm', () => {
    manualSeed(42);
    const first = draws();
    manualSeed(42);
    assert.deepEqual(draws(), first);
    manualSeed(43);
    assert.notDeepEqual(draws(), first);
  });

  it('an explicit generator is independent of the default one', () => {
    const a = rand([4], { generator: new Generator(7) }).toArray();
    manualSeed(1);
    rand([10]);
    assert.deepEqual(rand([4], { generator: new Generator(7) }).toArray(), a);
  });

  it('getState / setState resume a stream exactly', () => {
    const g = new Generator(3);
    g.random();
    const state = g.getState();
    const next = [g.random(), g.normal(), g.integer(0, 100)];
    g.setState(state);
    assert.deepEqual([g.random(), g.normal(), g.integer(0, 100)], next);
  });

  it('rand is in [0,1) with mean near 1/2; randn has mean near 0 and variance near 1', () => {
    const u = Array.from(rand([4000], { generator: new Generator(1), dtype: 'float64' }).values());
    assert.ok(u.every((v) => v >= 0 && v < 1));
    const mean = u.reduce((s, v) => s + v, 0) / u.length;
    assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
    const z = Array.from(randn([4000], { generator: new Generator(2), dtype: 'float64' }).values());
    const m = z.reduce((s, v) => s + v, 0) / z.length;
    const v = z.reduce((s, x) => s + (x - m) ** 2, 0) / z.length;
    assert.ok(Math.abs(m) < 0.06, `mean ${m}`);
    assert.ok(Math.abs(v - 1) < 0.08, `variance ${v}`);
  });

  it('randint stays in [low, high) and hits every value; randperm is a permutation', () => {
    const r = randint(2, 5, [300], { generator: new Generator(5) });
    assert.equal(r.dtype, 'int32');
    assert.deepEqual([...new Set(r.values())].sort(), [2, 3, 4]);
    const p = Array.from(randperm(33, { generator: new Generator(6) }).values());
    assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 33 }, (_, i) => i));
    assert.notDeepEqual(p, Array.from({ length: 33 }, (_, i) => i));
  });

  it('random tensors have the requested shape and dtype', () => {
    assert.deepEqual(rand([2, 3]).shape, [2, 3]);
    assert.equal(rand([1]).dtype, 'float32');
    assert.equal(randn([1], { dtype: 'float64' }).dtype, 'float64');
    assert.equal(randn([2], { requiresGrad: true }).requiresGrad, true);
  });
});
