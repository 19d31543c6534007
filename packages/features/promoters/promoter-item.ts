import type { EntityItem } from 'electrodb';
import type { PromoterView } from './contract.ts';
import type { promoterEntity } from '#packages/core/db/entities/promoter.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { withId } from '#packages/core/views.ts';

export type PromoterItem = EntityItem<typeof promoterEntity>;

export const toView = (item: PromoterItem): PromoterView => withId(item, 'promoterId');

export async function loadPromoter(promoterId: string): Promise<PromoterItem> {
  const { data } = await db().entities.promoter.get({ promoterId }).go();
  if (!data) throw notFound('Promoter', promoterId);
  return data;
}

/** The promoter a code names, or null (codes are stored upper-cased). */
export async function promoterByCode(code: string): Promise<PromoterItem | null> {
  const { data: guard } = await db().entities.promoterCode.get({ code: code.trim().toUpperCase() }).go();
  if (!guard) return null;
  const { data } = await db().entities.promoter.get({ promoterId: guard.promoterId }).go();
  return data;
}
