import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sampleClients } from '../../../src/federated/strategy/index.js';
import { Generator } from '../../../src/tensor/index.js';

const clients = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}` }));
const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('sampleClients', () => {
  it('samples floor(fraction · available) clients, deterministically from the generator', () => {
    const options = { fraction: 0.3, minClients: 2, minAvailable: 2 };
    const a = ids(sampleClients(clients, options, new Generator(7)));
    const b = ids(sampleClients(clients, options, new Generator(7)));
    assert.equal(a.length, 3);
    assert.equal(new Set(a).size, 3);
    assert.deepEqual(a, b);
    // Over several seeds the sample changes.
    const samples = new Set([1, 2, 3, 4, 5].map((s) => ids(sampleClients(clients, options, new Generator(s))).join()));
    assert.ok(samples.size > 1);
  });

  it('samples at least minClients, and all when the fraction is 1', () => {
    assert.equal(sampleClients(clients, { fraction: 0.1, minClients: 4, minAvailable: 2 }, new Generator(0)).length, 4);
    assert.deepEqual(ids(sampleClients(clients, { fraction: 1, minClients: 2, minAvailable: 2 }, new Generator(0))), ids(clients));
  });

  it('returns nobody when fewer than minAvailable (or minClients) are available', () => {
    assert.deepEqual(sampleClients(clients.slice(0, 2), { fraction: 1, minClients: 1, minAvailable: 3 }, new Generator(0)), []);
    assert.deepEqual(sampleClients(clients.slice(0, 2), { fraction: 1, minClients: 3, minAvailable: 0 }, new Generator(0)), []);
    assert.deepEqual(sampleClients(clients, { fraction: 0, minClients: 0, minAvailable: 0 }, new Generator(0)), []);
  });
});
