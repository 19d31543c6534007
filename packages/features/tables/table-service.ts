import type { EntityItem } from 'electrodb';
import { nowIso } from '#packages/core/clock.ts';
import type { vipTableEntity } from '#packages/core/db/entities/vip-table.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import type { CreateTableInput, VipTableView } from './contract.ts';

export type VipTableItem = EntityItem<typeof vipTableEntity>;

export function toTableView(t: VipTableItem): VipTableView {
  return {
    id: t.tableId,
    eventId: t.eventId,
    name: t.name,
    ...(t.tableGuid ? { tableGuid: t.tableGuid } : {}),
    minParty: t.minParty,
    maxParty: t.maxParty,
    minimumSpend: t.minimumSpend,
    deposit: t.depositKind === 'fixed' ? { kind: 'fixed', amount: { amount: t.depositValue, currency: t.minimumSpend.currency } } : { kind: 'percent', percent: t.depositValue },
    refundableUntil: t.refundableUntil,
    arrivalCutoff: t.arrivalCutoff,
    requiresApproval: t.requiresApproval,
    available: !t.currentBookingId,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** The deposit a booking of this table owes, in minor units: fixed, or a whole percent of the minimum spend (rounded half up). */
export function depositOf(t: Pick<VipTableItem, 'depositKind' | 'depositValue' | 'minimumSpend'>): number {
  return t.depositKind === 'fixed' ? t.depositValue : Math.round((t.minimumSpend.amount * t.depositValue) / 100);
}

export async function createTable(eventId: string, input: CreateTableInput): Promise<VipTableView> {
  const event = await loadEvent(eventId);
  if (input.minimumSpend.currency !== event.currency) throw unprocessable('currency_mismatch', `The event sells in ${event.currency}`, { currency: event.currency });
  if (input.deposit.kind === 'fixed' && input.deposit.amount!.currency !== input.minimumSpend.currency) {
    throw unprocessable('currency_mismatch', 'The deposit must be in the minimum spend currency');
  }
  const at = nowIso();
  const { data } = await db()
    .entities.vipTable.create({
      eventId,
      tableId: newId(),
      name: input.name,
      ...(input.tableGuid ? { tableGuid: input.tableGuid } : {}),
      minParty: input.minParty,
      maxParty: input.maxParty,
      minimumSpend: input.minimumSpend,
      depositKind: input.deposit.kind,
      depositValue: input.deposit.kind === 'fixed' ? input.deposit.amount!.amount : input.deposit.percent!,
      refundableUntil: new Date(input.refundableUntil).toISOString(),
      arrivalCutoff: new Date(input.arrivalCutoff).toISOString(),
      requiresApproval: input.requiresApproval,
      createdAt: at,
      updatedAt: at,
    })
    .go();
  return toTableView(data as VipTableItem);
}

export async function listTables(eventId: string) {
  await loadEvent(eventId);
  const { data } = await db().entities.vipTable.query.byEvent({ eventId }).go({ pages: 'all' });
  return { items: data.map(toTableView) };
}

export async function loadTable(eventId: string, tableId: string): Promise<VipTableItem> {
  const { data } = await db().entities.vipTable.get({ eventId, tableId }).go({ consistent: true });
  if (!data) throw notFound('Table', tableId);
  return data;
}
