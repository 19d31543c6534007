import type { VariantCounts } from './variant-counters.ts';
import { isMachineOpen } from './machine-open.ts';

/** ElectroDB's condition callback, loosely: the engagement item's attributes and the condition operations. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Where = (a: any, op: any) => string;

/** The part of campaign-track's plan an open of an A/B recipient adds to (track.ts `Plan`). */
interface OpenPlan {
  set: { openedAt?: string; humanOpenedAt?: string; machineOpenedAt?: string };
  where: Where;
  counts: object;
  armCounts?: VariantCounts;
}

interface Seen {
  openedAt?: string | undefined;
  humanOpenedAt?: string | undefined;
  machineOpenedAt?: string | undefined;
  deliveredAt?: string | undefined;
}

interface Open {
  timestamp: string;
  userAgent?: string | undefined;
  ipAddress?: string | undefined;
}

/**
 * An open of an A/B test's mail, told apart as a person's or a machine's (ab/machine-open.ts): the first of
 * each kind is recorded on the engagement item (`humanOpenedAt`, `machineOpenedAt`, each under
 * attribute_not_exists) and counted for the recipient's arm, people in `opened`, machines in `machineOpened`.
 * `first` is the plan of the campaign's first open (its counters, score, timeline: unchanged), null after it;
 * so a person opening after a proxy already did still counts for the test. null: nothing new.
 */
export function withOpenKind<P extends OpenPlan>(
  first: P | null,
  open: Open,
  seen: Seen | null,
  sentAt: string | undefined,
): P | OpenPlan | null {
  const machine = isMachineOpen({ openedAt: open.timestamp, userAgent: open.userAgent, ipAddress: open.ipAddress, deliveredAt: seen?.deliveredAt, sentAt });
  const newKind = machine ? !seen?.machineOpenedAt : !seen?.humanOpenedAt;
  if (!newKind) return first;
  const kind = machine ? ('machineOpenedAt' as const) : ('humanOpenedAt' as const);
  const armCounts: VariantCounts = machine ? { machineOpened: 1 } : { opened: 1 };
  const guard: Where = (a, op) => op.notExists(a[kind]);
  if (!first) return { set: { [kind]: open.timestamp }, where: guard, counts: {}, armCounts };
  return {
    ...first,
    set: { ...first.set, [kind]: open.timestamp },
    where: (a, op) => `${first.where(a, op)} AND ${guard(a, op)}`,
    armCounts,
  };
}
