import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArrayRecord } from '../../../src/federated/protocol/index.js';
import { validateReply } from '../../../src/federated/protocol/index.js';
import { FaultPlan, deriveSeed } from '../../../src/federated/simulation/index.js';

const global: ArrayRecord = [
  { name: 'w', shape: [3], dtype: 'float32', data: Float32Array.from([1, 2, 3]) },
  { name: 'steps', shape: [1], dtype: 'int32', data: Int32Array.from([7]) },
];
const honest: ArrayRecord = [
  { name: 'w', shape: [3], dtype: 'float32', data: Float32Array.from([1.5, 1, 3]) },
  { name: 'steps', shape: [1], dtype: 'int32', data: Int32Array.from([9]) },
];

describe('FaultPlan', () => {
  it('picks round(rate · clients) attackers of each kind, disjoint, reproducibly', () => {
    const plan = new FaultPlan(50, { signFlipRate: 0.2, nanRate: 0.1, noiseRate: 0.05 }, 3);
    const list = plan.attackerList();
    assert.equal(list['sign-flip'].length, 10);
    assert.equal(list.nan.length, 5);
    assert.equal(list.noise.length, 3); // 2.5 rounds to 3
    const all = [...list['sign-flip'], ...list.nan, ...list.noise];
    assert.equal(new Set(all).size, all.length);
    assert.deepEqual(new FaultPlan(50, { signFlipRate: 0.2, nanRate: 0.1, noiseRate: 0.05 }, 3).attackerList(), list);
    assert.notDeepEqual(new FaultPlan(50, { signFlipRate: 0.2, nanRate: 0.1, noiseRate: 0.05 }, 4).attackerList(), list);
    for (const i of list.nan) assert.equal(plan.attackOf(i), 'nan');
  });

  it('drops and delays clients at the requested rates, the same draw for the same (round, client)', () => {
    const plan = new FaultPlan(100, { dropoutRate: 0.3, stragglerRate: 0.1 }, 11);
    let dropped = 0;
    let late = 0;
    const n = 100 * 40;
    for (let round = 1; round <= 40; round++) {
      for (let c = 0; c < 100; c++) {
        const fault = plan.faultOf(round, c);
        assert.deepEqual(plan.faultOf(round, c), fault);
        if (fault.delivery === 'dropout') dropped++;
        if (fault.delivery === 'straggler') late++;
      }
    }
    // Binomial sd ≈ 0.007 for the dropout rate; a straggler needs no dropout first: 0.7 · 0.1.
    assert.ok(Math.abs(dropped / n - 0.3) < 0.03, `dropout rate ${dropped / n}`);
    assert.ok(Math.abs(late / n - 0.07) < 0.02, `straggler rate ${late / n}`);
  });

  it('sign flip sends w_g − 4 (w − w_g), scale w_g + 10 (w − w_g); int32 arrays untouched', () => {
    const plan = new FaultPlan(4, {}, 0);
    const flipped = plan.attack('sign-flip', honest, global, 1, 0);
    assert.deepEqual([...flipped[0]!.data], [1 - 4 * 0.5, 2 + 4 * 1, 3]);
    assert.deepEqual([...flipped[1]!.data], [9]);
    const scaled = plan.attack('scale', honest, global, 1, 0);
    assert.deepEqual([...scaled[0]!.data], [1 + 10 * 0.5, 2 - 10 * 1, 3]);
    assert.deepEqual([...honest[0]!.data], [1.5, 1, 3], 'the honest update is not modified');
  });

  it('noise is seeded by (seed, round, client) and has the requested spread', () => {
    const big: ArrayRecord = [{ name: 'w', shape: [4000], dtype: 'float64', data: new Float64Array(4000) }];
    const plan = new FaultPlan(4, { noiseStd: 0.5 }, 0);
    const a = plan.attack('noise', big, big, 2, 1)[0]!.data;
    assert.deepEqual(plan.attack('noise', big, big, 2, 1)[0]!.data, a);
    assert.notDeepEqual(plan.attack('noise', big, big, 3, 1)[0]!.data, a);
    const sd = Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0) / a.length);
    assert.ok(Math.abs(sd - 0.5) < 0.03, `sd ${sd}`);
  });

  it('NaN and malformed updates fail the server’s validation', () => {
    const plan = new FaultPlan(4, {}, 0);
    const reply = (parameters: ArrayRecord): unknown => ({ protocolVersion: 1, kind: 'train', round: 1, clientId: 'c', parameters, numExamples: 5, metrics: {}, status: 'ok' });
    const expect = { kind: 'train', round: 1, clientId: 'c', reference: global } as const;
    const nan = validateReply(reply(plan.attack('nan', honest, global, 1, 0)), expect);
    assert.ok(!nan.ok && nan.reason.code === 'non-finite-parameter');
    const malformed = validateReply(reply(plan.attack('malformed', honest, global, 1, 0)), expect);
    assert.ok(!malformed.ok && malformed.reason.code === 'shape-mismatch');
    assert.ok(validateReply(reply(honest), expect).ok);
  });

  it('rejects rates outside [0, 1] and attack rates above 1 in total', () => {
    assert.throws(() => new FaultPlan(10, { dropoutRate: 1.5 }, 0), /dropoutRate must be in \[0, 1\]/);
    assert.throws(() => new FaultPlan(10, { signFlipRate: 0.6, nanRate: 0.6 }, 0), /attack rates add up to 12 attackers among 10 clients/);
  });
});

describe('deriveSeed', () => {
  it('is a pure function of its path and spreads neighbouring paths', () => {
    assert.equal(deriveSeed(42, 1, 2), deriveSeed(42, 1, 2));
    const seeds = new Set<number>();
    for (let r = 0; r < 30; r++) for (let c = 0; c < 30; c++) seeds.add(deriveSeed(42, r, c));
    assert.equal(seeds.size, 900);
    assert.notEqual(deriveSeed(42, 1, 2), deriveSeed(42, 2, 1));
  });
});
