import type { EntityItem } from 'electrodb';
import type { CreateVoucherInput, VoucherView } from './contract.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import type { voucherEntity } from '#packages/core/db/entities/voucher.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { newId } from '#packages/core/ids.ts';
import { createPoolItems, readPools, shardUpdates } from '#packages/features/inventory/index.ts';
import { allocate, eventPool, shardCount, ticketTypePool, voucherPool } from '#packages/features/inventory/index.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly, withId } from '#packages/core/views.ts';

type VoucherItem = EntityItem<typeof voucherEntity>;

const toView = ({ voucherId, inventoryShards: _i, ...rest }: VoucherItem): VoucherView => withId({ ...rest, voucherId }, 'voucherId');

/**
 * Creates a voucher. With blockedSeats, the seats leave the ticket type's
 * pool (and the event's) in the same transaction and form the voucher's own
 * pool, which only orders carrying this code draw from.
 */
export async function createVoucher(eventId: string, input: CreateVoucherInput): Promise<VoucherView> {
  const event = await loadEvent(eventId);
  if (event.status === 'canceled') throw conflict('event_canceled', 'A canceled event cannot change');
  if (input.amountOff && input.amountOff.currency !== event.currency) {
    throw unprocessable('currency_mismatch', `Prices of this event are in ${event.currency}`);
  }
  const types = await db().entities.ticketType.query.byEvent({ eventId }).go({ pages: 'all' });
  const known = new Map(types.data.map((t) => [t.ticketTypeId, t]));
  for (const id of [...(input.ticketTypeIds ?? []), ...(input.blockedTicketTypeId ? [input.blockedTicketTypeId] : [])]) {
    if (!known.has(id)) throw unprocessable('unknown_ticket_type', `Ticket type ${id} is not sold for this event`);
  }
  const at = nowIso();
  const voucherId = newId();
  const item: VoucherItem = {
    ...definedOnly({ ...input, validFrom: toUtc(input.validFrom), validUntil: toUtc(input.validUntil) }),
    eventId,
    voucherId,
    code: input.code,
    kind: input.kind,
    maxUsages: input.maxUsages,
    remainingUsages: input.maxUsages,
    ...(input.blockedSeats ? { inventoryShards: shardCount(input.blockedSeats) } : {}),
    createdAt: at,
    updatedAt: at,
  };

  let blockFrom: ReturnType<typeof allocate> = [];
  if (input.blockedSeats && input.blockedTicketTypeId) {
    const type = known.get(input.blockedTicketTypeId)!;
    const demand = new Map([[ticketTypePool(type.ticketTypeId), input.blockedSeats]]);
    const shards = new Map([[ticketTypePool(type.ticketTypeId), type.inventoryShards]]);
    if (event.inventoryShards) {
      demand.set(eventPool(eventId), input.blockedSeats);
      shards.set(eventPool(eventId), event.inventoryShards);
    }
    blockFrom = allocate(demand, await readPools(shards));
    if (!blockFrom) throw conflict('sold_out', 'Not enough seats left to block for this voucher');
  }
  const tx = namedTransaction<'voucher' | 'seats' | 'pool'>();
  const entities = tx.entities;
  tx.add('voucher', entities.voucher.create(item).commit())
    .add('seats', ...shardUpdates(entities, blockFrom ?? [], 'hold'))
    .add('pool', ...(input.blockedSeats ? createPoolItems(entities, voucherPool(voucherId), input.blockedSeats) : []));
  const result = await tx.go();
  if (tx.rejected(result, 'voucher')) throw conflict('duplicate', `The code ${input.code} is taken for this event`, { voucherCode: input.code });
  if (result.canceled) throw conflict('sold_out', 'The seats to block were sold meanwhile; try again');
  return toView(item);
}

export async function getVoucher(eventId: string, code: string): Promise<VoucherView> {
  const { data } = await db().entities.voucher.get({ eventId, code }).go();
  if (!data) throw notFound('Voucher', code);
  return toView(data);
}

export async function listVouchers(eventId: string, page: PageRequest): Promise<Page<VoucherView>> {
  await loadEvent(eventId);
  const { data, cursor } = await db().entities.voucher.query.byCode({ eventId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}
