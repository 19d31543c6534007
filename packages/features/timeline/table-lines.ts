import type { EventData } from '#events/catalog.ts';
import { formatMoney, type TimelineLine } from './sales-lines.ts';

/**
 * The booker's timeline lines for a VIP table booking. Their ids come from the
 * booking, so a redelivered event overwrites its line instead of adding one.
 */
export function tableBookedLine(booked: EventData<'table.booked'>, contactId: string, occurredAt: string): TimelineLine {
  return {
    entryId: `table.booked:${booked.bookingId}`,
    contactId,
    occurredAt: new Date(occurredAt).toISOString(),
    kind: 'table.booked',
    summary: `Booked a VIP table for ${booked.partySize} (deposit ${formatMoney(booked.deposit)}, minimum spend ${formatMoney(booked.minimumSpend)})`,
    refType: 'table_booking',
    refId: booked.bookingId,
    data: { bookingId: booked.bookingId, eventId: booked.eventId, tableId: booked.tableId, partySize: booked.partySize, deposit: booked.deposit, minimumSpend: booked.minimumSpend },
  };
}

export function tableSettledLine(closed: EventData<'table.settled'>, contactId: string, occurredAt: string): TimelineLine {
  const summary =
    closed.outcome === 'no_show'
      ? `No-show at a VIP table (deposit kept: ${formatMoney(closed.depositKept)})`
      : `Settled a VIP table: spent ${formatMoney(closed.spend)}${closed.shortfall.amount > 0 ? `, shortfall ${formatMoney(closed.shortfall)}` : ''}`;
  return {
    entryId: `table.settled:${closed.bookingId}`,
    contactId,
    occurredAt: new Date(occurredAt).toISOString(),
    kind: 'table.settled',
    summary,
    refType: 'table_booking',
    refId: closed.bookingId,
    data: { bookingId: closed.bookingId, eventId: closed.eventId, tableId: closed.tableId, outcome: closed.outcome, spend: closed.spend, shortfall: closed.shortfall, depositKept: closed.depositKept },
  };
}
