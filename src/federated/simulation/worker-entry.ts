// The body of a simulation worker thread: builds the simulated ClientApp once from the shared
// context, then answers { id, message } tasks with { id, reply }. Loaded only as a worker.
import { parentPort, workerData } from 'node:worker_threads';
import { registerBackend, setBackend } from '../../backend/registry.js';
import { tryCreateWasmBackend } from '../../backend/wasm/index.js';
import type { Message } from '../protocol/index.js';
import type { ClientContext } from './client-task.js';
import { simulatedClientApp } from './client-task.js';

interface WorkerInit {
  readonly context: ClientContext;
  readonly backend: 'wasm' | 'js';
}

const init = workerData as WorkerInit;
if (init.backend === 'wasm') {
  // One thread per worker: the pool already runs one worker per core.
  const wasm = tryCreateWasmBackend({ threads: 1, name: 'wasm-simulation' });
  if (wasm.ok) {
    registerBackend(wasm.backend);
    setBackend(wasm.backend.name);
  }
} else {
  setBackend('js');
}
const app = simulatedClientApp(init.context);
const port = parentPort;
if (port === null) throw new Error('simulation worker: started outside a worker thread');
port.on('message', (task: { id: number; message: Message }) => {
  app.handle(task.message).then(
    (reply) => port.postMessage({ id: task.id, reply }),
    (error: unknown) => port.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
