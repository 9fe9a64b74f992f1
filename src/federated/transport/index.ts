export { InMemoryTransport } from './in-memory.js';
export type { InMemoryTransportOptions } from './in-memory.js';
export type { Exchange, SendOptions, Transport } from './transport.js';
