import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignBody, header, mailFor, mailbox } from '../support/campaign-fixtures.ts';
import { freePort } from '../support/free-port.ts';

// Given: `npm start -- --in-memory` as a developer runs it, on ports of its own,
// behind a tunnel (PUBLIC_BASE_URL); the test talks to it only over HTTP.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const TUNNEL = 'https://tunnel.example';

let npm: ChildProcess;
let output = '';
const ports = { PORT: 0, DYNAMODB_PORT: 0, SES_PORT: 0, EVENTBRIDGE_PORT: 0, STRIPE_PORT: 0 };
const api = () => `http://127.0.0.1:${ports.PORT}`;

/** Polls `check` until it returns something other than undefined; fails naming `what` after `ms`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- runner output ---\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

async function call(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api()}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

beforeAll(async () => {
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  env.PUBLIC_BASE_URL = TUNNEL;
  env.CAMPAIGN_MAX_SEND_RATE = '500';
  delete env.TABLE_NAME; // this file's test table belongs to the shared DynamoDB Local, not to the runner's
  // Its own process group, so that whatever this test leaves behind can be cleaned up in afterAll.
  npm = spawn('npm', ['start', '--', '--in-memory'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('the runner to be ready', async () => (output.includes('EventOS is running locally') ? true : undefined), 120_000);
}, 150_000);

afterAll(() => {
  // Only a safety net for a failed test: the last test stops the runner through npm alone.
  try {
    process.kill(-npm.pid!, 'SIGKILL');
  } catch {
    // already gone, as it should be
  }
});

describe('the local runner (item 12)', () => {
  it('honours PUBLIC_BASE_URL for the links in the mail it sends', async () => {
    const token = (await call('POST', '/dev/token', { role: 'admin', userId: 'runner-test' })).body.token as string;
    const tag = `tunnel${randomUUID().slice(0, 8)}`;
    const email = mailbox('tunnel');
    expect((await call('POST', '/v1/contacts', { email, marketingConsent: true, tags: [tag] }, token)).status).toBe(201);
    const segment = await call('POST', '/v1/segments', { name: `Tunnel ${tag}`, filter: { tag } }, token);
    expect(segment.status).toBe(201);
    await until('the segment to hold the contact', async () => {
      const count = await call('GET', `/v1/segments/${segment.body.id}/count`, undefined, token);
      return count.body.status === 'ready' && count.body.count === 1 ? true : undefined;
    });
    const campaign = await call('POST', '/v1/campaigns', campaignBody({ audience: { segmentId: segment.body.id } }), token);
    expect(campaign.status).toBe(201);
    const sent = await call('POST', `/v1/campaigns/${campaign.body.id}/send`, undefined, token, { 'idempotency-key': randomUUID() });
    expect(sent.status).toBe(202);

    const mailUrl = `http://127.0.0.1:${ports.SES_PORT}`;
    const [message] = await until('the campaign mail in the SES emulator', async () => {
      const got = (await mailFor(mailUrl, [email])).get(email)!;
      return got.length ? got : undefined;
    });
    const listUnsubscribe = header(message!, 'List-Unsubscribe') ?? '';
    expect(listUnsubscribe.startsWith(`<${TUNNEL}/v1/unsubscribe/`)).toBe(true);
    const links = [...(message!.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    const unsubscribe = links.filter((href) => href.includes('/v1/unsubscribe/'));
    expect(unsubscribe.length).toBeGreaterThan(0);
    for (const href of unsubscribe) expect(href.startsWith(`${TUNNEL}/v1/unsubscribe/`)).toBe(true);
    expect(message!.body.text).toContain(`${TUNNEL}/v1/unsubscribe/`);
    expect(`${message!.body.html}${message!.body.text}`).not.toContain(`127.0.0.1:${ports.PORT}`);
  }, 120_000);

  it('SIGTERM to the npm process stops every child: every port is free again', async () => {
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    await exited;
    await until('every port to be free', async () => {
      const free = await Promise.all(Object.values(ports).map(portFree));
      return free.every(Boolean) ? true : undefined;
    }, 30_000);
    expect(output).toMatch(/stopping every local service/);
  }, 60_000);
});
