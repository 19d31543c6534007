import type { EntityItem } from 'electrodb';
import type { orderEntity } from '#packages/core/db/entities/order.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';

export type OrderItem = EntityItem<typeof orderEntity>;

export async function loadOrder(orderId: string, consistent = false): Promise<OrderItem> {
  const { data } = await db().entities.order.get({ orderId }).go({ consistent });
  if (!data) throw notFound('Order', orderId);
  return data;
}

/** Total admissions of an order, by ticket type. */
export function admissionsOf(order: Pick<OrderItem, 'lines'>): number {
  return order.lines.reduce((sum, l) => sum + l.quantity * l.admissions.reduce((s, a) => s + a.quantity, 0), 0);
}
