import type { EntityItem } from 'electrodb';
import type { Principal } from '#packages/auth/principal.ts';
import type { exhibitorEntity } from '#packages/core/db/entities/exhibitor.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';

export type ExhibitorItem = EntityItem<typeof exhibitorEntity>;

export async function loadExhibitor(eventId: string, exhibitorId: string): Promise<ExhibitorItem> {
  const { data } = await db().entities.exhibitor.get({ eventId, exhibitorId }).go();
  if (!data) throw notFound('Exhibitor', exhibitorId);
  return data;
}

/**
 * The exhibitor a caller may act for: organisers (`exhibitors:write`) any,
 * exhibitor staff only one they are staff of (one GetItem). Any other is
 * answered 404, never 403, so exhibitor ids cannot be probed.
 */
export async function exhibitorFor(principal: Principal, eventId: string, exhibitorId: string): Promise<ExhibitorItem> {
  const [exhibitor, staff] = await Promise.all([
    db().entities.exhibitor.get({ eventId, exhibitorId }).go(),
    principal.permissions.has('exhibitors:write') ? null : db().entities.exhibitorStaff.get({ exhibitorId, userId: principal.userId }).go(),
  ]);
  if (!exhibitor.data || (staff !== null && staff.data?.eventId !== eventId)) throw notFound('Exhibitor', exhibitorId);
  return exhibitor.data;
}
