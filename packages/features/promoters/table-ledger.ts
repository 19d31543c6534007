import type { EventData, PromoterAttribution } from '#events/catalog.ts';
import { db } from '#packages/core/db/service.ts';
import { appendLine } from './ledger.ts';
import { commissionAt } from './ledger-math.ts';

/**
 * table.settled: the booking's frozen `table` rules, once per booking and rule.
 * What the table brought is what the booker paid: deposit + bar spend + the
 * shortfall collected to reach the minimum spend. A rate is taken of that; a
 * fixed amount (per booking, or per arrival — a settled table arrived) is
 * earned as frozen. A no-show earns nothing: nobody came.
 */
export async function recordTableSettled(settled: EventData<'table.settled'>, correlationId: string): Promise<number> {
  if (settled.outcome !== 'settled') return 0;
  const { data: booking } = await db().entities.tableBooking.get({ bookingId: settled.bookingId }).go();
  const terms = booking?.promoter as PromoterAttribution | undefined;
  if (!terms) return 0;
  const brought = settled.deposit.amount + settled.spend.amount + settled.shortfall.amount;
  const subject = { eventId: settled.eventId, bookingId: settled.bookingId, currency: settled.minimumSpend.currency, approveAfter: terms.approveAfter };
  let written = 0;
  for (const rule of terms.rules) {
    const amount = rule.basis === 'percent_of_net' ? commissionAt({ base: brought, rateBps: rule.rateBps }, brought, brought) : rule.base;
    if (amount === 0) continue;
    const kind = rule.beneficiaryId === terms.promoterId ? 'table' : 'leader_override';
    const draft = { ruleId: rule.ruleId, beneficiaryId: rule.beneficiaryId, kind, amount };
    if (await appendLine(`t:${settled.bookingId}:${rule.ruleId}:settled`, draft, subject, 'table_settled', correlationId)) written++;
  }
  return written;
}
