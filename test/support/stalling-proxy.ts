import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StallingProxy {
  endpoint: string;
  /** From now on, hold every request whose `X-Amz-Target` matches (e.g. `DynamoDB_20120810.TransactWriteItems`). */
  stall(target: RegExp): void;
  /** Requests held so far and not yet released. */
  held(): number;
  /** Stops holding, sends what was held on to the target, and resolves once the target has answered them all. */
  release(): Promise<void>;
  stop(): Promise<void>;
}

interface Held {
  forward(): Promise<void>;
}

/**
 * An HTTP proxy in front of a dependency (DynamoDB Local) that can hold chosen
 * requests: the client sees a dependency that hangs on them, the dependency
 * sees them later, when released, whether or not the client still waits. That
 * is how a write lands after the caller gave up on it, on cue.
 */
export async function startStallingProxy(target: string): Promise<StallingProxy> {
  const upstream = new URL(target);
  let stalled: RegExp | null = null;
  let held: Held[] = [];
  const sockets = new Set<Socket>();

  const send = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer, onAnswer: (status: number, headers: IncomingHttpHeaders, body: Buffer) => void) =>
    new Promise<void>((resolve) => {
      const out = request({ host: upstream.hostname, port: upstream.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          onAnswer(res.statusCode ?? 502, res.headers, Buffer.concat(chunks));
          resolve();
        });
        res.on('error', () => resolve());
      });
      out.on('error', () => {
        onAnswer(502, {}, Buffer.alloc(0));
        resolve();
      });
      out.end(body);
    });

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (status: number, headers: IncomingHttpHeaders, body: Buffer) => {
      // The client may have given up long ago; its answer then goes nowhere.
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(status, headers);
      res.end(body);
    };
    const forward = () => send(req.method ?? 'POST', req.url ?? '/', req.headers, Buffer.concat(chunks), answer);
    if (stalled?.test(String(req.headers['x-amz-target'] ?? ''))) held.push({ forward });
    else await forward();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    stall: (pattern) => {
      stalled = pattern;
    },
    held: () => held.length,
    release: async () => {
      stalled = null;
      const pending = held;
      held = [];
      // One after another, in arrival order, as a dependency that wakes up would take them.
      for (const request of pending) await request.forward();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
