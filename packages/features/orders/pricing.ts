import type { EntityItem } from 'electrodb';
import type { CreateOrderInput } from './contract.ts';
import type { bundleEntity } from '#packages/core/db/entities/bundle.ts';
import type { eventEntity } from '#packages/core/db/entities/event.ts';
import type { ticketTypeEntity } from '#packages/core/db/entities/ticket-type.ts';
import type { voucherEntity } from '#packages/core/db/entities/voucher.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { eventPool, ticketTypePool, voucherPool } from '#packages/features/inventory/index.ts';
import { money, type Money } from '#packages/core/money.ts';

type EventItem = EntityItem<typeof eventEntity>;
type TicketTypeItem = EntityItem<typeof ticketTypeEntity>;
type BundleItem = EntityItem<typeof bundleEntity>;
export type VoucherItem = EntityItem<typeof voucherEntity>;

/** Most admissions one order may hold: keeps the payment transaction under DynamoDB's 100 items. */
export const MAX_ADMISSIONS_PER_ORDER = 40;

export interface PricedLine {
  ticketTypeId?: string;
  bundleId?: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  discount: Money;
  total: Money;
  /** Admissions each unit gives: one of its type for a ticket, the components for a bundle. */
  admissions: { ticketTypeId: string; quantity: number }[];
}

export interface PricedOrder {
  lines: PricedLine[];
  subtotal: Money;
  discount: Money;
  total: Money;
  /** Seats wanted per pool, and how many slices each pool has. */
  demand: Map<string, number>;
  poolShards: Map<string, number>;
}

export interface Catalog {
  event: EventItem;
  ticketTypes: Map<string, TicketTypeItem>;
  bundles: Map<string, BundleItem>;
  voucher: VoucherItem | null;
}

function assertOnSale(type: TicketTypeItem, now: string): void {
  if (type.salesStartAt && now < type.salesStartAt) {
    throw unprocessable('sales_not_started', `Sales of ${type.name} start at ${type.salesStartAt}`, { ticketTypeId: type.ticketTypeId });
  }
  if (type.salesEndAt && now >= type.salesEndAt) {
    throw unprocessable('sales_ended', `Sales of ${type.name} ended at ${type.salesEndAt}`, { ticketTypeId: type.ticketTypeId });
  }
}

/** Refuses, with its own code, every reason a voucher does not apply — never a silent full price. */
export function assertVoucherUsable(voucher: VoucherItem | null, code: string | undefined, now: string): void {
  if (code === undefined) return;
  if (!voucher) throw unprocessable('voucher_unknown', 'No such voucher for this event');
  if (voucher.validFrom && now < voucher.validFrom) throw unprocessable('voucher_not_yet_valid', `The voucher is valid from ${voucher.validFrom}`);
  if (voucher.validUntil && now >= voucher.validUntil) throw unprocessable('voucher_expired', 'The voucher has expired');
  if (voucher.remainingUsages < 1) throw unprocessable('voucher_exhausted', 'The voucher has been used up');
}

const voucherCovers = (voucher: VoucherItem, ticketTypeId: string) =>
  !voucher.ticketTypeIds?.length || voucher.ticketTypeIds.includes(ticketTypeId);

function discountFor(voucher: VoucherItem, lineTotal: number, remainingFixed: { amount: number }): number {
  switch (voucher.kind) {
    case 'free':
      return lineTotal;
    case 'percent':
      return Math.round((lineTotal * (voucher.percent ?? 0)) / 100);
    case 'fixed': {
      const off = Math.min(lineTotal, remainingFixed.amount);
      remainingFixed.amount -= off;
      return off;
    }
  }
}

/**
 * Turns the requested items into priced lines and the seats they need.
 * Ticket-type lines check the sales window and maxPerOrder; a voucher
 * discounts the ticket-type lines it covers (bundles are already priced).
 */
export function priceOrder(input: CreateOrderInput, catalog: Catalog, now: string): PricedOrder {
  const { event, ticketTypes, bundles, voucher } = catalog;
  const currency = event.currency;
  const fixedLeft = { amount: voucher?.kind === 'fixed' ? (voucher.amountOff?.amount ?? 0) : 0 };
  let voucherApplied = false;
  const perType = new Map<string, number>();

  const lines = input.items.map((item): PricedLine => {
    if (item.bundleId !== undefined) {
      const bundle = bundles.get(item.bundleId);
      if (!bundle) throw unprocessable('unknown_bundle', `Bundle ${item.bundleId} is not sold for this event`, { bundleId: item.bundleId });
      if (item.quantity > bundle.maxPerOrder) {
        throw unprocessable('max_per_order_exceeded', `At most ${bundle.maxPerOrder} of ${bundle.name} per order`, { bundleId: bundle.bundleId });
      }
      let listPrice = 0;
      for (const component of bundle.items) {
        const type = ticketTypes.get(component.ticketTypeId);
        if (!type) throw unprocessable('unknown_ticket_type', `Bundle ${bundle.name} names a ticket type that no longer exists`);
        assertOnSale(type, now);
        listPrice += type.price.amount * component.quantity;
        perType.set(type.ticketTypeId, (perType.get(type.ticketTypeId) ?? 0) + component.quantity * item.quantity);
      }
      const unitDiscount = Math.max(0, listPrice - bundle.price.amount);
      return {
        bundleId: bundle.bundleId,
        name: bundle.name,
        quantity: item.quantity,
        unitPrice: money(listPrice, currency),
        discount: money(unitDiscount * item.quantity, currency),
        total: money(bundle.price.amount * item.quantity, currency),
        admissions: bundle.items.map((c) => ({ ticketTypeId: c.ticketTypeId, quantity: c.quantity })),
      };
    }
    const type = ticketTypes.get(item.ticketTypeId!);
    if (!type) throw unprocessable('unknown_ticket_type', `Ticket type ${item.ticketTypeId} is not sold for this event`, { ticketTypeId: item.ticketTypeId });
    assertOnSale(type, now);
    perType.set(type.ticketTypeId, (perType.get(type.ticketTypeId) ?? 0) + item.quantity);
    const gross = type.price.amount * item.quantity;
    const off = voucher && voucherCovers(voucher, type.ticketTypeId) ? discountFor(voucher, gross, fixedLeft) : 0;
    if (voucher && voucherCovers(voucher, type.ticketTypeId)) voucherApplied = true;
    return {
      ticketTypeId: type.ticketTypeId,
      name: type.name,
      quantity: item.quantity,
      unitPrice: type.price,
      discount: money(off, currency),
      total: money(gross - off, currency),
      admissions: [{ ticketTypeId: type.ticketTypeId, quantity: 1 }],
    };
  });

  for (const [ticketTypeId, quantity] of perType) {
    const type = ticketTypes.get(ticketTypeId)!;
    if (quantity > type.maxPerOrder) {
      throw unprocessable('max_per_order_exceeded', `At most ${type.maxPerOrder} of ${type.name} per order`, { ticketTypeId });
    }
  }
  if (voucher && !voucherApplied) throw unprocessable('voucher_not_applicable', 'The voucher does not cover any ticket in this order');

  const admissions = [...perType.values()].reduce((a, b) => a + b, 0);
  if (admissions > MAX_ADMISSIONS_PER_ORDER) {
    throw unprocessable('too_many_tickets', `At most ${MAX_ADMISSIONS_PER_ORDER} tickets per order`);
  }

  const { demand, poolShards } = seatDemand(perType, catalog);
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0);
  const total = lines.reduce((sum, l) => sum + l.total.amount, 0);
  return { lines, subtotal: money(subtotal, currency), discount: money(subtotal - total, currency), total: money(total, currency), demand, poolShards };
}

/**
 * Which pools the seats come from: each ticket type's pool and the event's
 * total — except seats a voucher blocked, which come from the voucher's own
 * pool (they already left both when the voucher was made).
 */
function seatDemand(perType: Map<string, number>, { event, ticketTypes, voucher }: Catalog) {
  const demand = new Map<string, number>();
  const poolShards = new Map<string, number>();
  const want = (pool: string, shards: number, n: number) => {
    if (n <= 0) return;
    demand.set(pool, (demand.get(pool) ?? 0) + n);
    poolShards.set(pool, shards);
  };
  let fromEventPool = 0;
  for (const [ticketTypeId, quantity] of perType) {
    const blocked = voucher?.blockedSeats && voucher.blockedTicketTypeId === ticketTypeId ? quantity : 0;
    if (blocked) want(voucherPool(voucher!.voucherId), voucher!.inventoryShards ?? 1, blocked);
    want(ticketTypePool(ticketTypeId), ticketTypes.get(ticketTypeId)!.inventoryShards, quantity - blocked);
    fromEventPool += quantity - blocked;
  }
  if (event.inventoryShards !== undefined) want(eventPool(event.eventId), event.inventoryShards, fromEventPool);
  return { demand, poolShards };
}
