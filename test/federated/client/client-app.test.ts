import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientApp } from '../../../src/federated/client/index.js';
import { createMessage } from '../../../src/federated/protocol/index.js';
import type { Message } from '../../../src/federated/protocol/index.js';

const params = [{ name: 'w', shape: [1], dtype: 'float32' as const, data: Float32Array.from([1]) }];
const trainMsg = createMessage('train', 2, 'c7', params, { lr: 0.1 });
const evalMsg = createMessage('evaluate', 2, 'c7', params, {});

describe('ClientApp', () => {
  it('routes train and evaluate messages to their handlers and wraps the replies', async () => {
    const seen: string[] = [];
    const app = new ClientApp()
      .train(async (m: Message) => {
        seen.push(`train ${m.round} ${String(m.config['lr'])}`);
        return { parameters: m.parameters, numExamples: 12, metrics: { loss: 0.3 } };
      })
      .evaluate((m) => {
        seen.push(`evaluate ${m.clientId}`);
        return { numExamples: 4, metrics: { accuracy: 0.75 } };
      });
    const t = await app.handle(trainMsg);
    assert.deepEqual(
      { kind: t.kind, round: t.round, clientId: t.clientId, status: t.status, numExamples: t.numExamples, metrics: t.metrics },
      { kind: 'train', round: 2, clientId: 'c7', status: 'ok', numExamples: 12, metrics: { loss: 0.3 } },
    );
    assert.equal(t.parameters, params);
    const e = await app.handle(evalMsg);
    assert.equal(e.parameters, undefined);
    assert.deepEqual(e.metrics, { accuracy: 0.75 });
    assert.deepEqual(seen, ['train 2 0.1', 'evaluate c7']);
    assert.deepEqual(app.registeredKinds(), ['train', 'evaluate']);
  });

  it('answers an unregistered kind with an error reply naming the registered handlers', async () => {
    const app = new ClientApp().train(() => ({ numExamples: 1 }));
    const reply = await app.handle(evalMsg);
    assert.equal(reply.status, 'error');
    assert.match(reply.error ?? '', /no handler registered for 'evaluate' messages; registered: 'train'/);
    assert.match(reply.error ?? '', /app\.evaluate\(/);
    const unknown = await app.handle({ ...trainMsg, kind: 'query' as unknown as 'train' });
    assert.match(unknown.error ?? '', /'query'.*registered: 'train'/);
  });

  it('turns a throwing handler into an error reply instead of throwing', async () => {
    const app = new ClientApp().train(() => {
      throw new RangeError('disk full');
    });
    const reply = await app.handle(trainMsg);
    assert.equal(reply.status, 'error');
    assert.equal(reply.error, 'RangeError: disk full');
  });

  it('refuses a second handler for the same kind', () => {
    const app = new ClientApp().train(() => ({ numExamples: 1 }));
    assert.throws(() => app.train(() => ({ numExamples: 1 })), /a 'train' handler is already registered/);
  });
});
