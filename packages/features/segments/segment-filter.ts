import type { SegmentFilterInput } from './contract.ts';

export type SegmentFilter = SegmentFilterInput;

/** The contact facts a segment filter reads (a subset of the stored contact). */
export interface SegmentFacts {
  state?: 'active' | 'trashed' | null;
  tags?: readonly string[] | null;
  attendedEventIds?: readonly string[] | null;
  boughtTicketTypeIds?: readonly string[] | null;
  leadStatus?: string | null;
  engagementScore?: number | null;
  lifetimeValueAmount?: number | null;
  lifetimeValueCurrency?: string | null;
  marketingConsent?: boolean | null;
  attendedSessionIds?: readonly string[] | null;
  feedbackEventIds?: readonly string[] | null;
  lastNps?: number | null;
  /** The nightly lifetime-value figures (packages/features/lifetime-value). */
  lifetimeValue?: { probabilityActive?: number | null; predictedValue?: { amount?: number | null; currency?: string | null } | null } | null;
}

/** A contact the lifetime-value job has not scored matches no lifetime-value criterion. */
function predictedAtLeast(facts: SegmentFacts, min: { amount: number; currency: string }): boolean {
  const value = facts.lifetimeValue?.predictedValue;
  return !!value && value.currency === min.currency && (value.amount ?? 0) >= min.amount;
}

const probabilityActive = (facts: SegmentFacts): number | null => facts.lifetimeValue?.probabilityActive ?? null;

const hasTag = (tags: readonly string[] | null | undefined, tag: string) =>
  (tags ?? []).some((t) => t.toLowerCase() === tag.toLowerCase());

/**
 * A contact with no purchases has spent 0 in every currency; otherwise only
 * a value in the filter's currency compares (no exchange rates here).
 */
function lifetimeValueAtLeast(facts: SegmentFacts, min: { amount: number; currency: string }): boolean {
  if (!facts.lifetimeValueCurrency) return min.amount <= 0;
  return facts.lifetimeValueCurrency === min.currency && (facts.lifetimeValueAmount ?? 0) >= min.amount;
}

/**
 * Whether a contact belongs to a segment: every criterion present holds
 * (AND). Trashed contacts belong to no segment. Pure, so the live upkeep and
 * the build decide identically.
 */
export function matches(filter: SegmentFilter, facts: SegmentFacts): boolean {
  if (facts.state === 'trashed') return false;
  const f = filter;
  if (f.tag !== undefined && !hasTag(facts.tags, f.tag)) return false;
  if (f.attendedEventId !== undefined && !(facts.attendedEventIds ?? []).includes(f.attendedEventId)) return false;
  if (f.boughtTicketTypeId !== undefined && !(facts.boughtTicketTypeIds ?? []).includes(f.boughtTicketTypeId)) return false;
  if (f.leadStatus !== undefined && facts.leadStatus !== f.leadStatus) return false;
  if (f.minEngagementScore !== undefined && (facts.engagementScore ?? 0) < f.minEngagementScore) return false;
  if (f.minLifetimeValue !== undefined && !lifetimeValueAtLeast(facts, f.minLifetimeValue)) return false;
  if (f.marketingConsent !== undefined && (facts.marketingConsent === true) !== f.marketingConsent) return false;
  if (f.attendedSessionId !== undefined && !(facts.attendedSessionIds ?? []).includes(f.attendedSessionId)) return false;
  if (f.gaveFeedbackForEventId !== undefined && !(facts.feedbackEventIds ?? []).includes(f.gaveFeedbackForEventId)) return false;
  if (f.minNps !== undefined && (facts.lastNps ?? -1) < f.minNps) return false;
  if (f.maxNps !== undefined && (facts.lastNps === undefined || facts.lastNps === null || facts.lastNps > f.maxNps)) return false;
  if (f.minPredictedValue !== undefined && !predictedAtLeast(facts, f.minPredictedValue)) return false;
  if (f.minProbabilityActive !== undefined && !((probabilityActive(facts) ?? -1) >= f.minProbabilityActive)) return false;
  if (f.maxProbabilityActive !== undefined && !((probabilityActive(facts) ?? 2) < f.maxProbabilityActive)) return false;
  return true;
}

/** JSON with keys sorted at every level and empty criteria dropped (stored maps come back in any key order). */
function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Same criteria regardless of key order: a PATCH repeating the filter does not rebuild. */
export function sameFilter(a: SegmentFilter, b: SegmentFilter): boolean {
  return canonical(a) === canonical(b);
}
