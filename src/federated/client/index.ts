export { ClientApp } from './client-app.js';
export type { ClientHandler } from './client-app.js';
export { globalTensors, proximalTerm } from './proximal-term.js';
export type { GlobalTensors } from './proximal-term.js';
export { createTorchLikeClient } from './torch-like-client.js';
export type { TorchLikeClientOptions } from './torch-like-client.js';
