import type { CreateContactInput } from '#packages/features/contacts/contract.ts';
import { contactFloorTransactions } from '../contacts/floor.ts';
import type { ContactsData } from '../contacts/types.ts';
import { runBurst } from '../lib/burst.ts';
import { capacityPerOperation } from '../lib/capacity-split.ts';
import { cpuWindow } from '../lib/cpu.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { transactionFloor } from '../lib/transaction-floor.ts';
import { apiClient } from '../orders/api.ts';
import { CapacityMeter } from '../orders/capacity-meter.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { renderContacts } from './contacts-render.ts';

export type { ContactsData } from '../contacts/types.ts';

const portOf = (url: string) => Number(new URL(url).port);
const ADMIN = 'bench-admin';
const TAGS_EACH = 2;

/** Contact i of a burst: a unique email; every second one two tags (one shared by all), every third a phone, every fourth consent. */
function contactBody(tag: string, i: number): CreateContactInput {
  return {
    email: `contact-${tag}-${i}@bench.example.com`,
    firstName: 'Bench',
    lastName: `Contact ${i}`,
    ...(i % 2 === 1 ? { tags: ['vip', `interest-${i % 5}`] } : {}),
    ...(i % 3 === 0 ? { phone: '+34 612 345 678' } : {}),
    ...(i % 4 === 0 ? { marketingConsent: true } : {}),
  };
}

const bodies = (tag: string, n: number) => Array.from({ length: n }, (_, i) => contactBody(`${tag}-${Date.now().toString(36)}`, i));

export const contactsSection: BenchSection<ContactsData> = {
  name: 'contacts',
  title: 'Contacts: creation through the local API vs a bare transaction of the same shape; capacity per creation (local stack)',
  async run(ctx) {
    const contacts = intFromEnv('BENCH_CONTACTS', 400);
    const concurrency = intFromEnv('BENCH_CONTACTS_CONCURRENCY', 50);
    const warmUp = intFromEnv('BENCH_CONTACTS_WARMUP', Math.max(concurrency, Math.round(contacts / 2)));
    const timedBodies = bodies('timed', contacts);
    const data: ContactsData = {
      method: {
        client:
          'bench/lib/burst-client.ts: a separate Node process, one POST /v1/contacts per contact (admin token, no Idempotency-Key), ' +
          'one keep-alive socket (node:http) per concurrent client, opened before the clock starts',
        warmUp:
          `a burst of ${warmUp} other contacts, same mix and concurrency, before the timed burst (both JITs, Node's and DynamoDB Local's, are cold); ` +
          'the capacity per creation is metered on it, so the timed burst runs unmetered like the floor',
        server:
          'local stack in the bench process: real handlers via tsx, DynamoDB Local in memory, local bus (consumers in-process: ' +
          'contact.created → segments-refresh-contact; deliveries held during each burst and run after it)',
        floor:
          'per contact ONE bare TransactWriteItems of what createContact writes (Put email guard if absent, Put contact if absent, Put per tag, ' +
          'Put outboxEvent), built with the product\'s builders from the same bodies on new emails; same concurrency, no retry, ' +
          'from a DocumentClient of its own in the bench process, same DynamoDB Local; a warm-up run of the warm-up\'s size first',
        cpu: 'user + system CPU of the bench process (the whole local stack, or the floor\'s client) and of the DynamoDB Local JVM (/proc) during each timed burst',
      },
      contacts,
      concurrency,
      warmUp,
      mix: {
        withTags: timedBodies.filter((b) => b.tags).length,
        tagsEach: TAGS_EACH,
        withPhone: timedBodies.filter((b) => b.phone).length,
        withConsent: timedBodies.filter((b) => b.marketingConsent).length,
      },
      create: null,
      floor: null,
      ratioP99: null,
      capacity: null,
      targets: [],
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    progress('contacts: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const token = await stack.token('admin', ADMIN);
      const api = apiClient(stack.apiUrl, token);
      const first = await api.call('POST', '/v1/contacts', { body: contactBody('first', 1) });
      if (first.status !== 201) throw new Error(`POST /v1/contacts answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`);
      await stack.bus.drain();

      // As deployed, consumers run in their own Lambdas; here they would share the two cores and
      // DynamoDB Local with the request path, so each burst holds the bus and delivers after it.
      const burst = async (name: string, requestBodies: CreateContactInput[]) => {
        meter.take();
        stack.bus.pause();
        const cpu = cpuWindow(stack.dynamoEndpoint);
        const finished = await runBurst(ctx, `contacts-${name}`, {
          apiUrl: stack.apiUrl,
          token,
          concurrency,
          requests: requestBodies.map((body) => ({ method: 'POST', path: '/v1/contacts', body })),
        }).then(
          (out) => ({ out }),
          (error: unknown) => ({ error }),
        );
        const spent = cpu();
        const apiCalls = meter.take();
        meter.runAs('consumer', 'event bus delivery (held during the burst)', () => stack.bus.resume());
        if ('error' in finished) throw finished.error;
        await stack.bus.drain();
        return { out: finished.out, cpu: spent, calls: [...apiCalls, ...meter.take()] };
      };

      progress(`contacts: warm-up burst, ${warmUp} contacts, ${concurrency} at a time, metered for capacity (latency not measured)`);
      const warm = await burst('warm-up', bodies('warm', warmUp));
      const warmCreated = warm.out.samples.filter(([s]) => s === 201).length;
      if (warmCreated) data.capacity = capacityPerOperation(warm.calls, warmCreated);
      if (data.capacity) {
        const { api: a, consumers: c } = data.capacity;
        progress(`  per creation: request path ${a.rcu} RCU + ${a.wcu} WCU in ${a.calls} calls; consumers ${c.rcu} RCU + ${c.wcu} WCU in ${c.calls} calls`);
      }

      meter.uninstall();
      progress(`contacts: ${contacts} contacts, ${concurrency} at a time, unmetered (bus deliveries held until the burst ends)`);
      const { out, cpu } = await burst('timed', timedBodies);
      const outcomes: Record<string, number> = {};
      for (const [status, code] of out.samples) outcomes[`${status}${code ? ` ${code}` : ''}`] = (outcomes[`${status}${code ? ` ${code}` : ''}`] ?? 0) + 1;
      data.create = {
        wallMs: Math.round(out.wallMs),
        perSecond: roundTo((out.samples.length / out.wallMs) * 1000),
        outcomes,
        latencyMs: { all: percentiles(out.samples.map(([, , ms]) => ms)), created: percentiles(out.samples.filter(([s]) => s === 201).map(([, , ms]) => ms)) },
        cpu,
      };
      progress(
        `  ${data.create.perSecond} contacts/s, p50 ${data.create.latencyMs.all?.p50} ms, p99 ${data.create.latencyMs.all?.p99} ms; ` +
          Object.entries(outcomes).map(([k, n]) => `${n}×${k}`).join(', '),
      );
    } catch (error) {
      errors.push(`create: ${(error as Error).message}`);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
    }
    try {
      if (!ctx.cleanup.stopping) {
        progress(`contacts: floor — ${contacts} bare creation transactions, ${concurrency} at a time (after ${warmUp} to warm up)`);
        const floorBodies = (tag: string, from: CreateContactInput[]) => from.map((b, i) => ({ ...b, email: `floor-${tag}-${i}-${b.email}` }));
        data.floor = await transactionFloor(
          stack.dynamoEndpoint,
          {
            warmUp: contactFloorTransactions(floorBodies('warm', bodies('warm', warmUp)), ADMIN),
            timed: contactFloorTransactions(floorBodies('timed', timedBodies), ADMIN),
          },
          concurrency,
        );
        progress(
          `  floor p50 ${data.floor.latencyMs.all?.p50} ms, p99 ${data.floor.latencyMs.all?.p99} ms, ${data.floor.perSecond} transactions/s; ` +
            Object.entries(data.floor.outcomes).map(([k, n]) => `${n}×${k}`).join(', '),
        );
      }
    } catch (error) {
      errors.push(`floor: ${(error as Error).message}`);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      progress('contacts: stopping the local stack');
      await stop();
    }

    const apiP99 = data.create?.latencyMs.all?.p99;
    const floorP99 = data.floor?.latencyMs.all?.p99;
    data.ratioP99 = apiP99 && floorP99 ? roundTo(apiP99 / floorP99, 2) : null;
    const created = data.create?.outcomes['201'] ?? 0;
    data.targets = [
      { name: 'every contact created (201)', ok: data.create ? created === contacts : null, detail: `${created} / ${contacts}` },
      { name: 'every floor transaction committed', ok: data.floor ? data.floor.outcomes.committed === contacts : null, detail: `${data.floor?.outcomes.committed ?? 0} / ${contacts}` },
      { name: 'contact p99 / floor p99 ≤ 3', ok: data.ratioP99 === null ? null : data.ratioP99 <= 3, detail: `${apiP99 ?? '—'} / ${floorP99 ?? '—'} ms` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderContacts,
};
