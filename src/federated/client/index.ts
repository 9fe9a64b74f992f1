export { ClientApp } from './client-app.js';
export type { ClientHandler } from './client-app.js';
