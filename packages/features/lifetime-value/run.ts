import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { scheduleWakeUp } from '#packages/core/wake-ups/wake-ups.ts';
import type { Buyer, Opportunity } from './histories.ts';
import { BUYER_SHARDS } from './record-buyer.ts';
import { pendingFor, publishUpdates } from './page-events.ts';
import { requestRun } from './run-request.ts';
import { readState, saveProgress, type RunState } from './run-state.ts';
import { planPage, writeChanges } from './score-page.ts';
import { fitCustomerBase } from './scoring.ts';

const PAGE = 100;
const YEAR = 365 * 86_400_000;
/** One seed for the range's parameter draws: the same data gives the same figures, so an unchanged contact is not rewritten. */
const RANGE_SEED = 'lifetime-value';

export { readState, type LtvState, type RunState } from './run-state.ts';
export { requestRun } from './run-request.ts';

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
export async function continueRun(
  deadline = Number.POSITIVE_INFINITY,
  maxPages = Number.POSITIVE_INFINITY,
  /** Told the running count after each page (the bench's progress line). */
  onPage?: (scored: number) => void,
): Promise<{ runId: string | null; status: 'done' | 'running' | 'idle'; scored: number }> {
  let state = await readState();
  if (!state.run || state.run.status !== 'running') return { runId: state.run?.runId ?? null, status: 'idle', scored: 0 };
  // `run`: what every save carries over; the resume point and the recorded events are this call's own.
  const { resume: savedResume, pending: recorded, ...run } = state.run;
  const now = nowIso();
  const [buyers, { past, next12m }] = await Promise.all([allBuyers(), opportunities(now)]);
  const scorer = fitCustomerBase({ buyers, pastEvents: past, futureOpportunities: next12m, now, seed: RANGE_SEED, ...(run.prefer ? { prefer: run.prefer } : {}) });
  let resume = savedResume ?? { shard: 0, cursor: null };
  let scored = run.scored;
  if (recorded) {
    // Stopped after recording a page's events: they may not have gone out.
    await publishUpdates(recorded, run.runId);
    state = await saveProgress(state, { run: { ...run, resume } });
  }
  for (let pages = 0; resume.shard < BUYER_SHARDS; pages++) {
    // A caller's page budget (tests): stop here, the next call resumes from the saved page.
    if (pages >= maxPages) return { runId: run.runId, status: 'running', scored };
    if (Date.now() > deadline) {
      // Out of time (a Lambda's 15 minutes): a one-shot wake-up carries on from the saved page.
      await scheduleWakeUp({ kind: 'lifetime-value-run', id: run.runId, at: nowIso() });
      return { runId: run.runId, status: 'running', scored };
    }
    const page = await db().entities.ltvBuyer.query.byShard({ shard: String(resume.shard) }).go({ cursor: resume.cursor, limit: PAGE });
    const plan = await planPage(scorer, page.data);
    let gone = 0;
    if (plan.changes.length) {
      const pending = pendingFor(plan.changes.map((c) => c.contactId));
      state = await saveProgress(state, { run: { ...run, scored, resume, pending } });
      const written = await writeChanges(plan.changes);
      gone = plan.changes.length - written.size;
      await publishUpdates(gone ? pending.filter((p) => written.has(p.contactId)) : pending, run.runId);
    }
    scored += plan.scored - gone;
    resume = page.cursor ? { shard: resume.shard, cursor: page.cursor } : { shard: resume.shard + 1, cursor: null };
    state = await saveProgress(state, { run: { ...run, scored, resume } });
    onPage?.(scored);
  }
  const done: RunState = { ...run, status: 'done', scored, finishedAt: nowIso() };
  await saveProgress(state, { run: done, fit: scorer.summary });
  return { runId: run.runId, status: 'done', scored };
}

/** The nightly job: a new run (or the stalled one), carried as far as the deadline allows. */
export async function nightlyRun(deadline?: number) {
  await requestRun('schedule');
  return continueRun(deadline);
}
