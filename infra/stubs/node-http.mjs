// Bundled in place of `node:http` (and `http`): the same module, taken with
// require(). An ESM import of node:http builds its namespace, which reads
// every export, and three of them (WebSocket, CloseEvent, MessageEvent) are
// getters that load Node's bundled undici, with tls, http2, zlib and
// worker_threads: ~18 ms of a cold import (bench: bundles) that no EventOS
// function uses. require() returns the exports object without reading them.
// Every export but those three is re-exported (globalAgent and maxHeaderSize
// as their values at load, as a namespace import would give them).
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http');

export default http;
export const {
  _connectionListener,
  METHODS,
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
  maxHeaderSize,
  globalAgent,
} = http;
