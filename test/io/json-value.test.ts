import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { checkJsonValue, fnv1a64 } from '../../src/io/json-value.js';

describe('checkJsonValue', () => {
  it('accepts plain JSON data, including null-prototype objects and shared (non-cyclic) references', () => {
    const shared = { units: 4 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    checkJsonValue({ layers: [shared, shared, { act: 'relu', p: 0.5, bias: true, x: null }], bare }, 'arch');
  });

  const bad: [string, unknown, RegExp][] = [
    ['a function', { f: () => 1 }, /arch\.f is a function/],
    ['undefined', [1, undefined], /arch\[1\] is a undefined/],
    ['NaN', { lr: Number.NaN }, /arch\.lr is NaN/],
    ['Infinity', { x: [Infinity] }, /arch\.x\[0\] is Infinity/],
    ['a bigint', { n: 3n }, /arch\.n is a bigint/],
    ['a class instance', { d: new Date(0) }, /arch\.d is an instance of a class/],
  ];
  for (const [title, value, pattern] of bad) {
    it(`refuses ${title}, naming where it is`, () => {
      assert.throws(() => checkJsonValue(value, 'arch'), (e: unknown) => e instanceof ConfigError && pattern.test(e.message));
    });
  }

  it('refuses a cycle', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    assert.throws(() => checkJsonValue(a, 'arch'), /arch\.self is a reference back to itself/);
  });
});

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
    assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  });
});
