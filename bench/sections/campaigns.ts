import type { LocalStack } from '#packages/local/local-stack.ts';
import { tableDefinition } from '#packages/core/db/table-definition.ts';
import { localDynamoClient } from '#packages/local/dynamodb-local.ts';
import type { CampaignRun, CampaignsData, CapacityPerRecipient } from '../campaigns/types.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { apiClient, type Api } from '../orders/api.ts';
import { CapacityMeter, type CallRecord } from '../orders/capacity-meter.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { roundTo } from '../orders/stats.ts';
import { renderCampaigns } from './campaigns-render.ts';

export type { CampaignsData } from '../campaigns/types.ts';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const portOf = (url: string) => Number(new URL(url).port);

function perRecipient(calls: CallRecord[], recipients: number): CapacityPerRecipient {
  const byCommand: Record<string, { calls: number; units: number }> = {};
  for (const c of calls) {
    const entry = (byCommand[c.command] ??= { calls: 0, units: 0 });
    entry.calls += 1;
    entry.units += c.units;
  }
  for (const e of Object.values(byCommand)) e.units = roundTo(e.units / recipients, 3);
  const sum = (pick: (c: CallRecord) => boolean) => calls.filter(pick).reduce((s, c) => s + c.units, 0);
  const sized = calls.filter((c) => c.billedWrite);
  return {
    recipients,
    rcu: roundTo(sum((c) => READS.has(c.command)) / recipients, 3),
    wcu: roundTo(sum((c) => !READS.has(c.command)) / recipients, 3),
    billedWcu: sized.length
      ? {
          table: roundTo(sized.reduce((s, c) => s + c.billedWrite!.table, 0) / recipients, 3),
          indexes: roundTo(sized.reduce((s, c) => s + c.billedWrite!.indexes, 0) / recipients, 3),
        }
      : null,
    calls: roundTo(calls.length / recipients, 2),
    byCommand,
  };
}

interface StoredEmail {
  destination: { to: string[] };
  headers?: Array<{ name: string; value: string }>;
}

async function mailbox(mailUrl: string, domain: string): Promise<CampaignRun['mailbox']> {
  const { emails } = (await (await fetch(`${mailUrl}/store`)).json()) as { emails: StoredEmail[] };
  const ours = emails.filter((e) => e.destination.to.some((to) => to.endsWith(`@${domain}`)));
  const perAddress = new Map<string, number>();
  for (const e of ours) for (const to of e.destination.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  const names = (e: StoredEmail) => new Set((e.headers ?? []).map((h) => h.name.toLowerCase()));
  return {
    messages: ours.length,
    addressesOnce: [...perAddress.values()].filter((n) => n === 1).length,
    addressesMore: [...perAddress.values()].filter((n) => n > 1).length,
    withHeaders: ours.filter((e) => names(e).has('list-unsubscribe') && names(e).has('list-unsubscribe-post')).length,
  };
}

interface Rig {
  stack: LocalStack;
  api: Api;
  meter: CapacityMeter;
  sesCalls: Record<string, number>;
  seed: (n: number, domain: string) => Promise<{ segmentId: string }>;
}

/** Seeds `recipients` contacts under `domain`, sends one campaign to them, and measures the send. */
async function measureCampaign(rig: Rig, recipients: number, domain: string, sizing: boolean): Promise<CampaignRun> {
  const { stack, api, meter, sesCalls } = rig;
  const seeded = performance.now();
  const { segmentId } = await rig.seed(recipients, domain);
  const seedMs = Math.round(performance.now() - seeded);
  const created = await api.call<{ id: string }>('POST', '/v1/campaigns', {
    body: {
      name: 'Bench newsletter',
      type: 'newsletter',
      subject: 'News for you, {{firstName}}',
      html: '<html><body><h1>Hello {{firstName}}</h1><p>The season starts soon.</p><p><a href="https://tickets.example.com/season">Get tickets</a></p></body></html>',
      text: 'Hello {{firstName}}\nThe season starts soon.\nGet tickets: https://tickets.example.com/season',
      audience: { segmentId },
      budget: { amount: 50_000, currency: 'EUR' },
    },
  });
  if (created.status !== 201) throw new Error(`create campaign answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`);
  const campaignId = created.body.id;

  // Billing arithmetic needs every written item's images: extra reads on a client of its own, not metered.
  const sizingClient = sizing ? localDynamoClient(stack.dynamoEndpoint) : null;
  meter.setSizing(sizingClient && { client: sizingClient, indexes: tableDefinition.globalIndexes });
  for (const k of Object.keys(sesCalls)) delete sesCalls[k];
  meter.take();
  const recentBefore = stack.bus.recent.length;
  try {
    const started = performance.now();
    const sent = await api.call('POST', `/v1/campaigns/${campaignId}/send`);
    if (sent.status !== 202) throw new Error(`send answered ${sent.status}: ${JSON.stringify(sent.body).slice(0, 300)}`);
    await stack.bus.drain();
    const wallMs = Math.round(performance.now() - started);
    const calls = meter.take();
    const final = await api.call<{ status: string; totals?: Record<string, number> }>('GET', `/v1/campaigns/${campaignId}`);
    // The bus keeps its last 500 events: enough for the chunks of 10,000 recipients (≈ 300).
    const chunks: Record<string, number> = {};
    for (const e of stack.bus.recent.slice(Math.max(0, recentBefore - 500))) {
      const detail = e.detail as { data?: { campaignId?: string; phase?: string } };
      if (detail.data?.campaignId !== campaignId) continue;
      const kind = e['detail-type'] === 'campaign.send_chunk' ? `chunk ${detail.data.phase}` : e['detail-type'];
      chunks[kind] = (chunks[kind] ?? 0) + 1;
    }
    return {
      recipients,
      seedMs,
      sizing,
      wallMs,
      perSecond: roundTo((recipients / wallMs) * 1000),
      status: final.body.status,
      totals: final.body.totals ?? {},
      sesCalls: { ...sesCalls },
      chunks,
      mailbox: await mailbox(stack.mailUrl, domain),
      capacity: perRecipient(calls, recipients),
    };
  } finally {
    meter.setSizing(null);
    sizingClient?.destroy();
  }
}

export const campaignsSection: BenchSection<CampaignsData> = {
  name: 'campaigns',
  title: 'Campaigns: one campaign to 10,000 recipients through the local stack and the SES emulator',
  async run(ctx) {
    const recipients = intFromEnv('BENCH_CAMPAIGN_RECIPIENTS', 10_000);
    const billingRecipients = intFromEnv('BENCH_CAMPAIGN_BILLING_RECIPIENTS', 500);
    const rate = intFromEnv('BENCH_CAMPAIGN_RATE', 1000);
    const concurrency = intFromEnv('BENCH_CAMPAIGN_CONCURRENCY', 16);
    const data: CampaignsData = {
      method: {
        audience:
          'contacts with marketing consent and a ready segment of them, written straight into the table (through the API each contact would also run the CRM consumers, not measured here)',
        send:
          'POST /v1/campaigns/{id}/send, then the in-process local bus runs the campaign-send consumer chunk after chunk (98 audience entries per resolve chunk, 50 recipients per send chunk) until the campaign is `sent`; wall time = send request → bus drained',
        ses: `aws-ses-v2-local in the bench process; CAMPAIGN_MAX_SEND_RATE=${rate}/s, CAMPAIGN_SEND_CONCURRENCY=${concurrency}; calls counted by a middleware on the sender's SESv2Client; the mailbox read back from the emulator's store`,
        capacity:
          'ReturnConsumedCapacity middleware on the in-process DocumentClient (bench/orders/capacity-meter.ts), every call from the send request to the last chunk, divided by the recipients, as DynamoDB Local reports it; ' +
          `WCU as DynamoDB would bill them from a second campaign of ${billingRecipients} recipients with the meter's sizing mode on (each written item's before/after images; transactions count twice; index entries apart) — it adds reads, so it is kept out of the timed run`,
      },
      recipients,
      rate,
      concurrency,
      main: null,
      billing: null,
      targets: [],
    };
    const errors: string[] = [];
    const env = { CAMPAIGN_MAX_SEND_RATE: process.env.CAMPAIGN_MAX_SEND_RATE, CAMPAIGN_SEND_CONCURRENCY: process.env.CAMPAIGN_SEND_CONCURRENCY };
    progress('campaigns: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    // Imported only now: the handlers' logger reads POWERTOOLS_LOG_LEVEL (silenced by the stack) when first loaded.
    const { campaignSesClient } = await import('#packages/features/campaigns/ses-sender.ts');
    const { seedAudience } = await import('../campaigns/seed.ts');
    const meter = new CapacityMeter();
    const sesCalls: Record<string, number> = {};
    const sesMiddleware = 'benchCampaignSesCalls';
    try {
      Object.assign(process.env, { CAMPAIGN_MAX_SEND_RATE: String(rate), CAMPAIGN_SEND_CONCURRENCY: String(concurrency) });
      campaignSesClient().middlewareStack.add(
        (next, context) => async (args) => {
          const name = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          sesCalls[name] = (sesCalls[name] ?? 0) + 1;
          return next(args);
        },
        { step: 'initialize', name: sesMiddleware },
      );
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const rig: Rig = { stack, api: apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin')), meter, sesCalls, seed: seedAudience };

      progress(`campaigns: ${recipients} recipients at ≤ ${rate}/s with ${concurrency} workers (seeding first)`);
      const main = await measureCampaign(rig, recipients, 'campaign-bench.example.com', false);
      data.main = main;
      progress(
        `  ${main.status} in ${(main.wallMs / 1000).toFixed(1)} s (${main.perSecond}/s); SES ${JSON.stringify(main.sesCalls)}; ` +
          `per recipient ${main.capacity.rcu} RCU + ${main.capacity.wcu} WCU (as reported) in ${main.capacity.calls} calls`,
      );
      if (!ctx.cleanup.stopping) {
        progress(`campaigns: ${billingRecipients} more recipients with billing arithmetic on`);
        const billing = await measureCampaign(rig, billingRecipients, 'campaign-billing.example.com', true);
        data.billing = billing;
        progress(`  billed per recipient ${JSON.stringify(billing.capacity.billedWcu)} WCU (table, indexes), ${billing.capacity.rcu} RCU`);
      }
    } catch (error) {
      errors.push(`send: ${(error as Error).message}`);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
      campaignSesClient().middlewareStack.remove(sesMiddleware);
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      progress('campaigns: stopping the local stack');
      await stop();
    }

    const m = data.main;
    const exact = (r: CampaignRun | null) => (r ? r.mailbox.addressesOnce === r.recipients && r.mailbox.addressesMore === 0 && r.mailbox.messages === r.recipients : null);
    data.targets = [
      { name: 'campaign reaches `sent`', ok: m ? m.status === 'sent' : null, detail: m?.status ?? '—' },
      { name: 'every recipient counted sent', ok: m ? m.totals.sent === recipients : null, detail: `${m?.totals.sent ?? '—'} / ${recipients}` },
      {
        name: 'every address got exactly one message (both campaigns)',
        ok: m && data.billing ? exact(m) === true && exact(data.billing) === true : null,
        detail: m ? `${m.mailbox.addressesOnce} once, ${m.mailbox.addressesMore} more than once, ${m.mailbox.messages} messages` : '—',
      },
      { name: 'List-Unsubscribe + List-Unsubscribe-Post on every message', ok: m ? m.mailbox.withHeaders === m.mailbox.messages : null, detail: `${m?.mailbox.withHeaders ?? '—'}` },
      { name: 'one SendEmail per recipient', ok: m ? m.sesCalls.SendEmail === recipients : null, detail: `${m?.sesCalls.SendEmail ?? '—'}` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderCampaigns,
};
