import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backpropTrace, formatBackpropTrace } from '../../src/backprop/index.js';

describe('backpropTrace', () => {
  it('holds one sample\'s numbers for every layer and the agreement of all the ways to compute them', () => {
    const trace = backpropTrace({ sizes: [3, 4, 2], activation: 'relu', seed: 2 });
    assert.deepEqual(trace.sizes, [3, 4, 2]);
    assert.equal(trace.x.length, 3);
    assert.equal(trace.layers.length, 2);
    const [hidden, output] = trace.layers as [(typeof trace.layers)[0], (typeof trace.layers)[0]];
    assert.equal(hidden.z.length, 4);
    assert.deepEqual(hidden.weight.map((r) => r.length), [3, 3, 3, 3]);
    // z = W·x + b, recomputed here.
    hidden.z.forEach((z, j) => assert.ok(Math.abs(z - hidden.weight[j]!.reduce((s, w, k) => s + w * trace.x[k]!, hidden.bias[j]!)) < 1e-12));
    // dL/da of the hidden layer = (W²)ᵀ dL/dz², and the dead mask is z <= 0.
    hidden.dLda.forEach((g, j) => assert.ok(Math.abs(g - output.weight.reduce((s, row, k) => s + row[j]! * output.dLdz[k]!, 0)) < 1e-12));
    assert.deepEqual(hidden.dead, hidden.z.map((z) => z <= 0));
    for (const d of Object.values(trace.agreement)) assert.ok(d < 1e-12, `agreement ${d}`);
  });

  it('formats a table per layer with z, a, dL/da and dL/dz side by side, and marks dead relu units', () => {
    const trace = backpropTrace({ seed: 0 });
    const text = formatBackpropTrace(trace);
    assert.match(text, /Backprop through a 2-3-2 network/);
    const headers = text.split('\n').filter((l) => l.includes('unit │'));
    assert.equal(headers.length, 2);
    for (const h of headers) assert.match(h, /z\^\d .*a\^\d .*dL\/da .*dL\/dz/);
    const deadCount = trace.layers[0]!.dead.filter(Boolean).length;
    assert.equal(text.split('passes no gradient (z <= 0)').length - 1, deadCount);
    // Each unit's z appears on its row, with five decimals.
    const rows = text.split('\n').filter((l) => /^\s+\d+ │/.test(l));
    assert.equal(rows.length, 3 + 2);
    assert.ok(rows[0]!.includes(trace.layers[0]!.z[0]!.toFixed(5)));
    assert.match(text, /agree to within \d\.\de-\d+/);
  });
});
