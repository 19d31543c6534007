/**
 * The request handler option for the SDK clients a handler uses on every
 * request. A Lambda serves one request at a time, but the local runner serves
 * many in one process; the SDK's default of 50 sockets would queue the rest.
 */
export const manySockets = { httpAgent: { maxSockets: 256 }, httpsAgent: { maxSockets: 256 } };
