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
  npm = spawn('npm', ['start', '--', '--in-memory', '--seed'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** `npm run -s seed -- --api <the runner> ...args`: its standard output. */
function runSeed(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'seed', '--', '--api', api(), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`npm run seed exited ${code}: ${err}`))));
  });
}

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

    // The same message on /dev/mail: its headers, its message id, and the SES event simulator for it.
    const listed = await call('GET', `/dev/mail.json?to=${encodeURIComponent(email.toUpperCase())}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ messageId: message!.messageId, to: [email], unsubscribeUrl: expect.stringMatching(`^${TUNNEL}/v1/unsubscribe/`) });
    expect(listed.body.items[0].headers).toContainEqual({ name: 'List-Unsubscribe', value: listUnsubscribe });
    const page = await call('GET', '/dev/mail');
    expect(page.body).toContain('List-Unsubscribe:');
    expect(page.body).toContain(message!.messageId);
    expect(page.body).toContain(`data-id="${message!.messageId}" data-type="Open"`);
    expect(page.body).toContain("fetch('/dev/ses-events'");
    expect(page.body).not.toContain('<http'); // header values are escaped
    const simulated = await call('POST', '/dev/ses-events', { messageId: message!.messageId, type: 'Open' });
    expect(simulated.status).toBe(202);
  }, 120_000);

  it('with --seed prints the demo event, its ticket types and ready tokens; `npm run seed` prints the same again', async () => {
    const printed = (text: string, name: string) => new RegExp(`^\\s*${name}=(\\S+)`, 'm').exec(text)?.[1];
    const event = printed(output, 'EVENT');
    const [ga, vip, admin, scanner] = ['GA', 'VIP', 'TOKEN', 'SCANNER'].map((name) => printed(output, name));
    expect(output).toContain('Demo loaded');
    const availability = await call('GET', `/v1/events/${event}/availability`);
    expect(availability.status).toBe(200);
    expect(availability.body.ticketTypes.map((t: { ticketTypeId: string }) => t.ticketTypeId).sort()).toEqual([ga, vip].sort());
    expect((await call('GET', `/v1/events/${event}`, undefined, admin)).status).toBe(200);
    expect(JSON.parse(Buffer.from(scanner!.split('.')[1]!, 'base64url').toString())['cognito:groups']).toEqual(['scanner']);

    const again = await runSeed([]);
    expect(again).toContain('already loaded, nothing changed');
    expect(printed(again, 'EVENT')).toBe(event);
    expect(printed(again, 'GA')).toBe(ga);
    const env = await runSeed(['--env']);
    expect(env.trim().split('\n').map((line) => line.split('=')[0])).toEqual(['EVENT', 'GA', 'VIP', 'TOKEN', 'SCANNER', 'MARKETING']);
    expect(printed(env, 'EVENT')).toBe(event);
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
