import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientApp } from '../../../src/federated/client/index.js';
import { createMessage } from '../../../src/federated/protocol/index.js';
import type { Reply } from '../../../src/federated/protocol/index.js';
import { InMemoryTransport } from '../../../src/federated/transport/index.js';

const params = [{ name: 'w', shape: [2], dtype: 'float32' as const, data: Float32Array.from([1, 2]) }];

describe('InMemoryTransport', () => {
  it('delivers each message to its client and returns replies in message order', async () => {
    const echo = (n: number) => new ClientApp().train((m) => ({ parameters: m.parameters, numExamples: n }));
    const transport = new InMemoryTransport({ a: echo(1), b: echo(2) });
    assert.deepEqual(transport.clientIds(), ['a', 'b']);
    const out = await transport.sendAndReceive([createMessage('train', 1, 'b', params, {}), createMessage('train', 1, 'a', params, {})]);
    assert.deepEqual((out.replies as Reply[]).map((r) => [r.clientId, r.numExamples]), [['b', 2], ['a', 1]]);
    assert.deepEqual(out.failures, []);
  });

  it('gives each client its own copy of the parameters', async () => {
    const vandal = new ClientApp().train((m) => {
      (m.parameters[0]!.data as Float32Array).fill(99);
      return { parameters: m.parameters, numExamples: 1 };
    });
    await new InMemoryTransport({ v: vandal }).sendAndReceive([createMessage('train', 1, 'v', params, {})]);
    assert.deepEqual([...params[0]!.data], [1, 2]);
  });

  it('reports unknown clients as unavailable and slow clients as timeouts', async () => {
    const slow = new ClientApp().train(() => new Promise((resolve) => setTimeout(() => resolve({ numExamples: 1 }), 200)));
    const transport = new InMemoryTransport(new Map([['slow', slow]]));
    const out = await transport.sendAndReceive([createMessage('train', 1, 'ghost', params, {}), createMessage('train', 1, 'slow', params, {})], { timeoutMs: 20 });
    assert.deepEqual(out.replies, []);
    assert.deepEqual(out.failures.map((f) => [f.clientId, f.kind]), [['ghost', 'unavailable'], ['slow', 'timeout']]);
    assert.match(out.failures[1]!.message, /no reply within 20 ms/);
  });

  it('needs at least one client', () => {
    assert.throws(() => new InMemoryTransport({}), /no clients given/);
  });
});
