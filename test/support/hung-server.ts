import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A dependency that accepts connections and never answers: what a frozen
 * service looks like from the client. Counts the requests that reached it.
 */
export async function startHungServer(): Promise<{ endpoint: string; requests(): number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      // One HTTP request per request line; the SDK sends each attempt's headers in one write.
      requests += (chunk.toString('latin1').match(/^(GET|POST|PUT|DELETE|HEAD) /gm) ?? []).length;
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
