import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { scheduleWakeUp } from '#packages/core/wake-ups/wake-ups.ts';
import type { Buyer, Opportunity } from './histories.ts';
import { BUYER_SHARDS } from './record-buyer.ts';
import { fitCustomerBase, type Figures, type ModelSummary, type Scorer } from './scoring.ts';

const KEY = 'current';
const PAGE = 100;
const WRITERS = 8;
const YEAR = 365 * 86_400_000;
/** One seed for the range's parameter draws: the same data gives the same figures, so an unchanged contact is not rewritten. */
const RANGE_SEED = 'lifetime-value';

export interface RunState {
  runId: string;
  status: 'running' | 'done';
  trigger: 'schedule' | 'request';
  prefer?: 'bg-bb' | 'bg-nbd';
  requestedAt: string;
  finishedAt?: string;
  scored: number;
  /** Where scoring resumes: the shard and ElectroDB's cursor within it. */
  resume?: { shard: number; cursor: string | null };
}

export interface LtvState {
  fit: ModelSummary | null;
  run: RunState | null;
  updatedAt?: string;
}

export async function readState(): Promise<LtvState> {
  const { data } = await db().entities.ltvModel.get({ key: KEY }).go({ consistent: true });
  return { fit: (data?.fit as ModelSummary | undefined) ?? null, run: (data?.run as RunState | undefined) ?? null, ...(data ? { updatedAt: data.updatedAt } : {}) };
}

async function saveRun(previous: LtvState, next: Partial<LtvState>): Promise<boolean> {
  const item = { key: KEY, fit: next.fit === undefined ? previous.fit : next.fit, run: next.run === undefined ? previous.run : next.run };
  const entity = db().entities.ltvModel;
  return writtenIfCondition(() =>
    previous.updatedAt ? entity.put(item).where((a, { eq }) => eq(a.updatedAt, previous.updatedAt!)).go() : entity.create(item).go(),
  );
}

/**
 * Starts a run, or answers the one in progress (a second request, a retry
 * with another Idempotency-Key, the nightly job meeting a stalled run): at
 * most one run at a time, by a conditional write on the state item.
 */
export async function requestRun(trigger: RunState['trigger'], prefer?: RunState['prefer']): Promise<{ run: RunState; started: boolean }> {
  for (;;) {
    const state = await readState();
    if (state.run?.status === 'running') return { run: state.run, started: false };
    const run: RunState = { runId: newId(), status: 'running', trigger, requestedAt: nowIso(), scored: 0, ...(prefer ? { prefer } : {}) };
    if (await saveRun(state, { run })) return { run, started: true };
  }
}

async function allBuyers(): Promise<Buyer[]> {
  const buyers: Buyer[] = [];
  for (let shard = 0; shard < BUYER_SHARDS; shard++) {
    const { data } = await db().entities.ltvBuyer.query.byShard({ shard: String(shard) }).go({ pages: 'all' });
    buyers.push(...data);
  }
  return buyers;
}

/** The organiser's events that count as opportunities (not canceled), and how many the next 12 months hold. */
async function opportunities(now: string): Promise<{ past: Opportunity[]; next12m: number }> {
  const { data } = await db().entities.event.query.all({}).go({ pages: 'all', attributes: ['eventId', 'startsAt', 'status'] });
  const live = data.filter((e) => e.status !== 'canceled').sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.eventId.localeCompare(b.eventId));
  const t = Date.parse(now);
  const past = live.filter((e) => Date.parse(e.startsAt) <= t).map((e) => ({ eventId: e.eventId, startsAt: e.startsAt }));
  const scheduled = live.filter((e) => Date.parse(e.startsAt) > t && Date.parse(e.startsAt) <= t + YEAR).length;
  // Nothing scheduled yet: assume the organiser keeps last year's pace.
  const lastYear = past.filter((e) => Date.parse(e.startsAt) > t - YEAR).length;
  return { past, next12m: scheduled || lastYear };
}

async function writeFigures(contactId: string, figures: Figures, correlationId: string): Promise<boolean> {
  const result = await transactWithEvents(
    (e) => [e.contact.patch({ contactId }).set({ lifetimeValue: figures }).commit()],
    [domainEvent('contact.updated', { contactId, reason: 'lifetime_value', fields: ['lifetimeValue'] }, { correlationId })],
  );
  // Canceled: the buyer's contact is gone (erased, deleted) — nothing to write on.
  return !result.canceled;
}

/** Same figures but for the fit's time: no write, no event (segments and workflows have nothing new to see). */
function sameFigures(stored: unknown, next: Figures): boolean {
  if (!stored || typeof stored !== 'object') return false;
  const { fittedAt: _a, ...a } = stored as Figures;
  const { fittedAt: _b, ...b } = next;
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort()) && JSON.stringify(a.predictedValue) === JSON.stringify(b.predictedValue);
}

async function scorePage(scorer: Scorer, buyers: readonly Buyer[], correlationId: string): Promise<number> {
  const guards = await batchGetAll(buyers.map((b) => ({ email: b.email })), (batch) => db().entities.contactEmail.get(batch).go());
  const contactOf = new Map(guards.map((g) => [g.email, g.contactId]));
  const contacts = await batchGetAll([...contactOf.values()].map((contactId) => ({ contactId })), (batch) =>
    db().entities.contact.get(batch).go({ attributes: ['contactId', 'lifetimeValue'] }),
  );
  const storedOf = new Map(contacts.map((c) => [c.contactId, c.lifetimeValue]));
  let written = 0;
  await pool(buyers, WRITERS, () => false, async (buyer) => {
    const contactId = contactOf.get(buyer.email);
    if (!contactId || !storedOf.has(contactId)) return;
    const figures = scorer.score(buyer);
    if (sameFigures(storedOf.get(contactId), figures) || (await writeFigures(contactId, figures, correlationId))) written += 1;
  });
  return written;
}

/**
 * Runs (or resumes) the current run: fits the whole customer base (refitted
 * on resume: deterministic on the same data), then pages through the buyers
 * shard by shard, writing each one's figures on their contact, and saves the
 * resume point after each page. Stops at `deadline` (ms since the epoch)
 * leaving the run `running` and a wake-up that resumes it. Writing a contact's
 * figures twice writes the same figures: idempotent. A contact whose figures
 * did not change (fittedAt aside) is not written, so its `fittedAt` is the
 * run that last changed them (the model's `fittedAt` is the last run's).
 */
export async function continueRun(deadline = Number.POSITIVE_INFINITY, maxPages = Number.POSITIVE_INFINITY): Promise<{ runId: string | null; status: 'done' | 'running' | 'idle'; scored: number }> {
  let state = await readState();
  const run = state.run;
  if (!run || run.status !== 'running') return { runId: run?.runId ?? null, status: 'idle', scored: 0 };
  const now = nowIso();
  const [buyers, { past, next12m }] = await Promise.all([allBuyers(), opportunities(now)]);
  const scorer = fitCustomerBase({ buyers, pastEvents: past, futureOpportunities: next12m, now, seed: RANGE_SEED, ...(run.prefer ? { prefer: run.prefer } : {}) });
  let resume = run.resume ?? { shard: 0, cursor: null };
  let scored = run.scored;
  for (let pages = 0; resume.shard < BUYER_SHARDS; pages++) {
    // A caller's page budget (tests): stop here, the next call resumes from the saved page.
    if (pages >= maxPages) return { runId: run.runId, status: 'running', scored };
    if (Date.now() > deadline) {
      // Out of time (a Lambda's 15 minutes): a one-shot wake-up carries on from the saved page.
      await scheduleWakeUp({ kind: 'lifetime-value-run', id: run.runId, at: nowIso() });
      return { runId: run.runId, status: 'running', scored };
    }
    const page = await db().entities.ltvBuyer.query.byShard({ shard: String(resume.shard) }).go({ cursor: resume.cursor, limit: PAGE });
    scored += await scorePage(scorer, page.data, `ltv-${run.runId}`);
    resume = page.cursor ? { shard: resume.shard, cursor: page.cursor } : { shard: resume.shard + 1, cursor: null };
    const next: RunState = { ...run, scored, resume };
    if (!(await saveRun(state, { run: next }))) throw new Error(`lifetime-value run ${run.runId}: its state changed under it`);
    state = await readState();
  }
  const done: RunState = { ...run, status: 'done', scored, finishedAt: nowIso() };
  delete done.resume;
  if (!(await saveRun(state, { run: done, fit: scorer.summary }))) throw new Error(`lifetime-value run ${run.runId}: its state changed under it`);
  return { runId: run.runId, status: 'done', scored };
}

/** The nightly job: a new run (or the stalled one), carried as far as the deadline allows. */
export async function nightlyRun(deadline?: number) {
  await requestRun('schedule');
  return continueRun(deadline);
}
