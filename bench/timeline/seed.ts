import type { Api } from '../orders/api.ts';
import { givenFreeEvent, must } from '../lib/free-event.ts';

/** Runs `count` jobs, `parallel` at a time. */
async function pool(count: number, parallel: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) await job(next++);
  }));
}

export interface BusyContact {
  contactId: string;
  mix: Record<string, number>;
}

/**
 * One contact with a 200-line history made the way production makes it:
 * `purchases` free orders (paid at once → `order.paid` → the CRM consumer's
 * line), each ticket scanned at the door (→ `ticket.checked_in` lines), then
 * interactions spread over the past months, notes and tasks through the API.
 * `settle` must drain the bus between the steps.
 */
export async function givenBusyContact(
  api: Api,
  settle: () => Promise<void>,
  counts = { purchases: 25, interactions: 50, notes: 50, tasks: 50 },
): Promise<BusyContact> {
  const email = `timeline-${Date.now()}@bench.example.com`;
  const { eventId, ticketTypeId } = await givenFreeEvent(api, 'timeline', { capacity: counts.purchases, maxPerOrder: 1 });

  const codes: string[] = [];
  // One at a time: the orders share a buyer, whose contact the first one creates.
  for (let i = 0; i < counts.purchases; i++) {
    const order = await must<{ id: string; status: string }>(api, 201, 'POST', `/v1/events/${eventId}/orders`, {
      buyer: { email, firstName: 'Bench', lastName: 'Regular' },
      items: [{ ticketTypeId, quantity: 1 }],
    });
    const paid = await must<{ tickets?: Array<{ code: string }> }>(api, 200, 'GET', `/v1/orders/${order.id}`);
    codes.push(...(paid.tickets ?? []).map((t) => t.code));
    await settle();
  }
  for (const [i, code] of codes.entries()) {
    await must(api, 201, 'POST', `/v1/events/${eventId}/check-ins`, { code, deviceId: `gate-${(i % 4) + 1}` });
  }
  await settle();

  const found = await must<{ items: Array<{ id: string }> }>(api, 200, 'GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  const contactId = found.items[0]?.id;
  if (!contactId) throw new Error(`no contact for ${email} after ${counts.purchases} purchases`);

  const types = ['call', 'email', 'meeting', 'message', 'visit'];
  const day = 86_400_000;
  await pool(counts.interactions, 8, async (i) => {
    await must(api, 201, 'POST', '/v1/interactions', {
      contactId,
      type: types[i % types.length],
      subject: `Follow-up #${i}: tables for the next season`,
      content: 'Talked through the programme, the guest list and the VIP area. Wants a quote for 12 people.',
      outcome: 'interested',
      nextAction: 'send the quote',
      occurredAt: new Date(Date.now() - (i + 1) * 3 * day).toISOString(),
    });
  });
  await pool(counts.notes, 8, async (i) => {
    await must(api, 201, 'POST', '/v1/notes', {
      contactId,
      body: `Note ${i}: prefers the Friday line-up, always comes with friends, asked about parking.`,
      noteType: (['general', 'call', 'meeting', 'followup'] as const)[i % 4],
    });
  });
  await pool(counts.tasks, 8, async (i) => {
    await must(api, 201, 'POST', '/v1/tasks', {
      title: `Task ${i}: call about the season ticket`,
      dueAt: new Date(Date.now() + (i - 25) * day).toISOString(),
      contactId,
      priority: i % 5 === 0 ? 'high' : 'normal',
    });
  });
  return {
    contactId,
    mix: { 'order.paid': counts.purchases, 'ticket.checked_in': codes.length, interaction: counts.interactions, note: counts.notes, task: counts.tasks },
  };
}
