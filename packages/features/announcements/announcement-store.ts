import type { EntityItem } from 'electrodb';
import type { announcementEntity } from '#packages/core/db/entities/announcement.ts';
import type { AnnouncementView, FeedItemView } from './contract.ts';

export type AnnouncementItem = EntityItem<typeof announcementEntity>;

/** A sending announcement not sent by then is requested again by the due job (its delivery died or was dead-lettered). */
export const WATCHDOG_MS = 15 * 60_000;
export const watchdogAt = (from = Date.now()): string => new Date(from + WATCHDOG_MS).toISOString();

export function toAnnouncementView({ announcementId, dueAt: _due, createdBy: _by, ...a }: AnnouncementItem): AnnouncementView {
  return { id: announcementId, ...a } as AnnouncementView;
}

export function toFeedItem(a: AnnouncementItem): FeedItemView {
  return { id: a.announcementId, subject: a.subject, body: a.body, audience: a.audience, ...(a.sessionId ? { sessionId: a.sessionId } : {}), sentAt: a.sentAt ?? a.sendAt };
}
