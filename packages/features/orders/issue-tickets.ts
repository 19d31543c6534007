import { signTicketCode } from '#packages/tickets/ticket-code.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { newId } from '#packages/core/ids.ts';
import { currentSecret } from '#packages/core/secrets/index.ts';
import type { PricedLine } from './pricing.ts';

export interface IssuedTicket {
  ticketId: string;
  ticketTypeId: string;
  code: string;
}

/** One ticket per admission: a bundle line of 2 × (1 GA + 1 VIP) gives four. */
export async function mintTickets(eventId: string, lines: readonly Pick<PricedLine, 'quantity' | 'admissions'>[]): Promise<IssuedTicket[]> {
  const key = currentSecret('ticketSigningKey');
  const tickets: IssuedTicket[] = [];
  for (const line of lines) {
    for (let unit = 0; unit < line.quantity; unit++) {
      for (const admission of line.admissions) {
        for (let n = 0; n < admission.quantity; n++) {
          const ticketId = newId();
          tickets.push({ ticketId, ticketTypeId: admission.ticketTypeId, code: signTicketCode({ ticketId, eventId }, key) });
        }
      }
    }
  }
  return tickets;
}

export interface TicketHolder {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

export function ticketPuts(
  entities: TransactionEntities,
  orderId: string,
  eventId: string,
  tickets: readonly IssuedTicket[],
  holder: TicketHolder,
): TransactionItem[] {
  const at = nowIso();
  const holderName = [holder.firstName, holder.lastName].filter(Boolean).join(' ') || undefined;
  return tickets.map((t) =>
    entities.ticket
      .create({ ...t, orderId, eventId, status: 'valid', holderEmail: holder.email, holderName, createdAt: at, updatedAt: at })
      .commit(),
  );
}
