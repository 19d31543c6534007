import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: string };

/**
 * A webhook receiver on loopback for tests and benches: each path keeps what
 * it got and answers by its script (the n-th request of that path → answer;
 * 200 when none).
 */
export async function startWebhookReceiver() {
  const received = new Map<string, Received[]>();
  const scripts = new Map<string, (n: number) => Answer>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const list = received.get(path) ?? [];
    list.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    received.set(path, list);
    const answer = scripts.get(path)?.(list.length) ?? { status: 200 };
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
    res.end(answer.body ?? 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    got: (path: string): Received[] => received.get(path) ?? [],
    script: (path: string, answer: (n: number) => Answer) => void scripts.set(path, answer),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it holds (conditions, not sleeps). */
export async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
