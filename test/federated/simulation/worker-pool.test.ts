import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionIid } from '../../../src/federated/partition/index.js';
import { arraysFromModule, createMessage } from '../../../src/federated/protocol/index.js';
import type { Reply } from '../../../src/federated/protocol/index.js';
import { TaskFailure, WorkerPool, loadSimulationDataset, shareData, simulatedClientApp, simulationModel, splitClients } from '../../../src/federated/simulation/index.js';

const { train } = loadSimulationDataset('digits');
const model = simulationModel('mlp', train, [8], 1);
const context = {
  data: shareData(train),
  shards: splitClients(partitionIid(train.labels.length, 4, 1), 0.1, 1),
  clientIds: ['a', 'b', 'c', 'd'],
  modelConfig: model.toConfig(),
  seed: 1,
};
const parameters = arraysFromModule(model);

describe('WorkerPool', () => {
  it('answers like the ClientApp on the calling thread, reports client errors, and times out slow tasks', async () => {
    const pool = new WorkerPool(context, { workers: 1 });
    try {
      const message = createMessage('train', 1, 'b', parameters, { localEpochs: 1, lr: 0.1, batchSize: 16 });
      const reply = (await pool.run(message)) as Reply;
      const local = await simulatedClientApp(context).handle(message);
      assert.equal(reply.status, 'ok');
      assert.equal(reply.numExamples, context.shards[1]!.train.length);
      assert.deepEqual(reply.metrics, local.metrics);
      assert.deepEqual(reply.parameters!.map((a) => [...a.data]), local.parameters!.map((a) => [...a.data]));

      const unknown = (await pool.run(createMessage('evaluate', 1, 'zz', parameters, {}))) as Reply;
      assert.equal(unknown.status, 'error');
      assert.match(unknown.error!, /unknown client id 'zz'/);

      await assert.rejects(pool.run(createMessage('train', 1, 'a', parameters, { localEpochs: 20 }), 1), (e: unknown) => e instanceof TaskFailure && e.kind === 'timeout');
      // The pool replaced the timed-out worker and keeps serving.
      const after = (await pool.run(createMessage('evaluate', 1, 'c', parameters, {}))) as Reply;
      assert.equal(after.status, 'ok');
      assert.equal(after.numExamples, context.shards[2]!.test.length);
    } finally {
      await pool.close();
    }
  });
});
