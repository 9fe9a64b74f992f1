import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientApp } from '../../../src/federated/client/index.js';
import type { ArrayRecord, Message, MetricRecord } from '../../../src/federated/protocol/index.js';
import { PROTOCOL_VERSION, okReply } from '../../../src/federated/protocol/index.js';
import { ServerApp, runFederated } from '../../../src/federated/server/index.js';
import { FedAvg, Krum } from '../../../src/federated/strategy/index.js';
import type { Failure } from '../../../src/federated/strategy/index.js';
import { InMemoryTransport } from '../../../src/federated/transport/index.js';
import type { Exchange, Transport } from '../../../src/federated/transport/index.js';

const init: ArrayRecord = [{ name: 'w', shape: [2], dtype: 'float32', data: Float32Array.from([0, 0]) }];
const w = (...v: number[]): ArrayRecord => [{ name: 'w', shape: [2], dtype: 'float32', data: Float32Array.from(v) }];

/** A client that always sends back `params` with `n` examples. */
const fixed = (params: ArrayRecord, n = 1) =>
  new ClientApp()
    .train(() => ({ parameters: params, numExamples: n, metrics: { loss: n } }))
    .evaluate(() => ({ numExamples: n, metrics: { accuracy: 1 / n } }));

/** A transport whose clients answer with whatever `script` returns (raw, unvalidated replies). */
class ScriptedTransport implements Transport {
  constructor(private readonly script: Record<string, (m: Message) => unknown>, private readonly extra: unknown[] = []) {}
  clientIds(): string[] {
    return Object.keys(this.script);
  }
  async sendAndReceive(messages: readonly Message[]): Promise<Exchange> {
    const replies: unknown[] = [...this.extra];
    const failures: Failure[] = [];
    for (const m of messages) {
      try {
        replies.push(this.script[m.clientId]!(m));
      } catch (e) {
        failures.push({ clientId: m.clientId, kind: 'error', message: (e as Error).message });
      }
    }
    return { replies, failures };
  }
}

describe('runFederated', () => {
  it('rejects and reports NaN and malformed replies instead of averaging them', async () => {
    const ok = (v: number[], n: number) => (m: Message) => okReply(m, { parameters: w(...v), numExamples: n, metrics: { loss: 1 } });
    const transport = new ScriptedTransport({
      a: ok([1, 2], 1),
      b: ok([3, 6], 3),
      nan: ok([Number.NaN, 0], 1000),
      shape: (m) => okReply(m, { parameters: [{ name: 'w', shape: [1], dtype: 'float32', data: Float32Array.from([7]) }], numExamples: 5 }),
      negative: (m) => ({ ...okReply(m, { parameters: w(9, 9), numExamples: 1 }), numExamples: -4 }),
      partial: (m) => ({ protocolVersion: PROTOCOL_VERSION, kind: m.kind, round: m.round, clientId: m.clientId, status: 'ok' }),
      crashed: () => {
        throw new Error('connection reset');
      },
      refused: (m) => ({ ...okReply(m, { numExamples: 1 }), status: 'error', error: 'no data' }),
    });
    const history = await runFederated({ strategy: new FedAvg({ fractionEvaluate: 0, minEvaluateClients: 0 }), transport, initialParameters: init, rounds: 1 });
    const train = history.rounds[0]!.train;
    // Only a and b are averaged: (1·[1, 2] + 3·[3, 6]) / 4
    assert.deepEqual([...history.parameters[0]!.data], [2.5, 5]);
    assert.deepEqual(train.accepted, ['a', 'b']);
    assert.deepEqual(
      train.rejected.map((r) => [r.clientId, r.reason.code]),
      [
        ['nan', 'non-finite-parameter'],
        ['shape', 'shape-mismatch'],
        ['negative', 'invalid-num-examples'],
        ['partial', 'invalid-num-examples'],
      ],
    );
    assert.deepEqual(train.failures.map((f) => [f.clientId, f.kind, f.message]), [
      ['crashed', 'error', 'connection reset'],
      ['refused', 'error', 'no data'],
    ]);
    assert.equal(history.rounds[0]!.updated, true);
    assert.match(history.rounds[0]!.evaluate!.skipped ?? '', /no clients for evaluation/);
  });

  it('keeps the global model when every reply is rejected, and reports replies nobody asked for', async () => {
    const stranger = { protocolVersion: PROTOCOL_VERSION, kind: 'train', round: 1, clientId: 'mallory', numExamples: 1, metrics: {}, status: 'ok' };
    const bad = (m: Message) => okReply(m, { parameters: w(Number.POSITIVE_INFINITY, 0), numExamples: 1 });
    const history = await runFederated({
      strategy: new FedAvg({ fractionEvaluate: 0, minEvaluateClients: 0 }),
      transport: new ScriptedTransport({ a: bad, b: bad }, [stranger]),
      initialParameters: init,
      rounds: 1,
    });
    assert.equal(history.rounds[0]!.updated, false);
    assert.equal(history.parameters, init);
    assert.deepEqual(history.rounds[0]!.train.rejected.map((r) => [r.clientId, r.reason.code]), [
      ['mallory', 'unexpected-reply'],
      ['a', 'non-finite-parameter'],
      ['b', 'non-finite-parameter'],
    ]);
  });

  it('skips a round when too few clients are available', async () => {
    const transport = new InMemoryTransport({ a: fixed(w(1, 1)), b: fixed(w(1, 1)) });
    const history = await runFederated({ strategy: new FedAvg({ minAvailableClients: 3 }), transport, initialParameters: init, rounds: 1 });
    const round = history.rounds[0]!;
    assert.equal(round.updated, false);
    assert.match(round.train.skipped ?? '', /selected no clients \(2 available\)/);
    assert.deepEqual(round.train.clients, []);
  });

  it('reports the clients a strategy discards (Krum) and aggregates only the rest', async () => {
    const transport = new InMemoryTransport({ a: fixed(w(0, 0)), b: fixed(w(1, 0)), c: fixed(w(0, 1)), evil: fixed(w(50, 50), 100) });
    const history = await runFederated({ strategy: new Krum({ numMalicious: 1, numToKeep: 3 }), transport, initialParameters: init, rounds: 1, evaluateEvery: 0 });
    const train = history.rounds[0]!.train;
    assert.deepEqual(train.accepted, ['a', 'b', 'c']);
    assert.deepEqual(train.rejected.map((r) => [r.clientId, r.reason.code]), [['evil', 'strategy']]);
    assert.deepEqual(train.metrics, { loss: 1 }); // the outlier's loss (100) is left out too
    const p = [...history.parameters[0]!.data];
    assert.ok(Math.abs(p[0]! - 1 / 3) < 1e-6 && Math.abs(p[1]! - 1 / 3) < 1e-6);
  });

  it('evaluates centrally every round (and the initial model), federated every k rounds, and calls onRound', async () => {
    const transport = new InMemoryTransport({ a: fixed(w(1, 1), 1), b: fixed(w(3, 3), 3) });
    const centralRounds: number[] = [];
    const seen: number[] = [];
    const history = await runFederated({
      strategy: new FedAvg(),
      transport,
      initialParameters: init,
      rounds: 3,
      evaluateEvery: 2,
      evaluateCentral: (round, p): MetricRecord => {
        centralRounds.push(round);
        return { mean: (p[0]!.data[0]! + p[0]!.data[1]!) / 2 };
      },
      onRound: (record) => {
        seen.push(record.round);
      },
    });
    assert.deepEqual(centralRounds, [0, 1, 2, 3]);
    assert.deepEqual(history.initialCentral, { mean: 0 });
    assert.deepEqual(history.rounds[0]!.central, { mean: 2.5 });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(history.rounds.map((r) => r.evaluate !== undefined), [false, true, true]);
    // accuracy (1·1 + 3·1/3) / 4 = 0.5
    assert.deepEqual(history.rounds[1]!.evaluate!.metrics, { accuracy: 0.5 });
    assert.deepEqual(history.rounds[1]!.train.metrics, { loss: 2.5 });
    assert.equal(history.strategy, 'FedAvg');
  });

  it("uses the strategy's evaluateCentral when none is given, and validates its options", async () => {
    const transport = new InMemoryTransport({ a: fixed(w(1, 1)), b: fixed(w(1, 1)) });
    const history = await runFederated({ strategy: new FedAvg({ evaluateCentral: (r) => ({ round: r }) }), transport, initialParameters: init, rounds: 1 });
    assert.deepEqual(history.rounds[0]!.central, { round: 1 });
    await assert.rejects(runFederated({ strategy: new FedAvg(), transport, initialParameters: init, rounds: 0 }), /rounds must be a positive integer/);
  });

  it('ServerApp runs the same loop against a transport it is given', async () => {
    const server = new ServerApp({ strategy: new FedAvg(), initialParameters: init, rounds: 2, evaluateEvery: 0 });
    const history = await server.run(new InMemoryTransport({ a: fixed(w(1, 2), 1), b: fixed(w(3, 6), 3) }));
    assert.equal(history.rounds.length, 2);
    assert.deepEqual([...history.parameters[0]!.data], [2.5, 5]);
  });
});
