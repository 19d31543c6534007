import { createHash } from 'node:crypto';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import type { AgendaView, ChangelogEntryView, ExhibitorChangeView, PublicSessionView, PublicSpeakerView, ScheduleVersionView } from './contract.ts';
import { publicExhibitors } from '#packages/features/exhibitors/index.ts';
import type { PublicExhibitorView } from '#packages/features/exhibitors/contract.ts';
import { exhibitorChangesBetween } from './exhibitor-changes.ts';
import { publishedSpeakers } from './published-speakers.ts';
import { toPublicSession } from './session-view.ts';

interface Snapshot {
  rooms: Array<{ id: string; name: string }>;
  sessions: PublicSessionView[];
  /** Absent from releases made before speakers existed. */
  speakers?: PublicSpeakerView[];
  /** The exhibitors' public profiles and booths at the release; absent from releases made before they were carried. */
  exhibitors?: PublicExhibitorView[];
  /** What changed in the exhibitors since the release before (kept in the snapshot: the version item's other attributes are fixed). */
  exhibitorChanges?: ExhibitorChangeView[];
}

const versionKey = (n: number) => String(n).padStart(8, '0');

async function latestVersion(eventId: string) {
  const { data } = await db().entities.scheduleVersion.query.byEvent({ eventId }).go({ order: 'desc', limit: 1 });
  return data[0] ?? null;
}

/** Stored maps come back in any key order: compare with keys sorted. */
const canonical = (s: PublicSessionView): string => JSON.stringify(Object.fromEntries(Object.entries(s).sort(([a], [b]) => a.localeCompare(b))));

const where = (s: PublicSessionView) => ({ startsAt: s.startsAt, endsAt: s.endsAt, ...(s.roomId ? { roomId: s.roomId } : {}) });

/** What moved between two releases (pretalx's schedule changelog): added, moved, removed (unscheduled) or canceled, changed (title or details). */
export function changelogBetween(before: Snapshot | null, after: Snapshot, canceledIds: ReadonlySet<string>): ChangelogEntryView[] {
  const old = new Map((before?.sessions ?? []).map((s) => [s.id, s]));
  const now = new Map(after.sessions.map((s) => [s.id, s]));
  const log: ChangelogEntryView[] = [];
  for (const s of after.sessions) {
    const was = old.get(s.id);
    if (!was) log.push({ sessionId: s.id, title: s.title, change: 'added', to: where(s) });
    else if (was.startsAt !== s.startsAt || was.endsAt !== s.endsAt || was.roomId !== s.roomId) log.push({ sessionId: s.id, title: s.title, change: 'moved', from: where(was), to: where(s) });
    else if (canonical(was) !== canonical(s)) log.push({ sessionId: s.id, title: s.title, change: 'changed' });
  }
  for (const was of old.values()) {
    if (!now.has(was.id)) log.push({ sessionId: was.id, title: was.title, change: canceledIds.has(was.id) ? 'canceled' : 'removed', from: where(was) });
  }
  return log;
}

/**
 * Publishes the next release of the schedule: the scheduled sessions and the
 * rooms as they are now, and the changelog against the last release. The
 * version item is created only if its number is free, so two publishers
 * racing get one release and one 409.
 */
export async function publishSchedule(eventId: string, comment: string | undefined): Promise<ScheduleVersionView> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  const [sessions, rooms, last, exhibitors] = await Promise.all([
    db().entities.session.query.byEvent({ eventId }).go({ pages: 'all' }),
    db().entities.room.query.byEvent({ eventId }).go({ pages: 'all' }),
    latestVersion(eventId),
    publicExhibitors(eventId),
  ]);
  const scheduled = sessions.data.filter((s) => s.state === 'scheduled');
  const speakers = await publishedSpeakers(eventId, new Set(scheduled.map((s) => s.sessionId)));
  const speakersOf = (sessionId: string) => speakers.filter((p) => p.sessionIds.includes(sessionId)).map((p) => p.id);
  const snapshot: Snapshot = {
    rooms: rooms.data.map((r) => ({ id: r.roomId, name: r.name })).sort((a, b) => a.id.localeCompare(b.id)),
    sessions: scheduled
      .map((s) => ({ ...toPublicSession(s), speakerIds: speakersOf(s.sessionId) }))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id)),
    speakers,
    exhibitors,
  };
  const canceled = new Set(sessions.data.filter((s) => s.state === 'canceled').map((s) => s.sessionId));
  const before = (last?.snapshot as Snapshot | undefined) ?? null;
  const changelog = changelogBetween(before, snapshot, canceled);
  const exhibitorChanges = exhibitorChangesBetween(before?.exhibitors ?? [], exhibitors);
  const version = (last?.version ?? 0) + 1;
  const item = { eventId, versionKey: versionKey(version), version, publishedAt: nowIso(), snapshot: { ...snapshot, exhibitorChanges }, changelog, ...(comment ? { comment } : {}) };
  try {
    await db().entities.scheduleVersion.create(item).go();
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('concurrent_publish', 'Another release of this schedule was published at the same moment; try again');
    throw error;
  }
  return { eventId, version, publishedAt: item.publishedAt, ...(comment ? { comment } : {}), changelog, exhibitorChanges };
}

export async function listScheduleVersions(eventId: string): Promise<ScheduleVersionView[]> {
  const { data } = await db().entities.scheduleVersion.query.byEvent({ eventId }).go({ pages: 'all', attributes: ['eventId', 'version', 'publishedAt', 'comment', 'changelog'] });
  return data.map((v) => ({ eventId: v.eventId, version: v.version, publishedAt: v.publishedAt, ...(v.comment ? { comment: v.comment } : {}), changelog: v.changelog as ChangelogEntryView[] }));
}

export interface PublishedAgenda {
  agenda: AgendaView;
  /** Strong validator of this release (its content never changes once published). */
  etag: string;
}

/** The last published release, for the public page: ONE Query (newest version of the event's agenda collection). */
export async function publishedAgenda(eventId: string): Promise<PublishedAgenda> {
  const last = await latestVersion(eventId);
  if (!last) throw notFound('Agenda', eventId);
  const snapshot = last.snapshot as Snapshot;
  const agenda: AgendaView = {
    eventId,
    version: last.version,
    publishedAt: last.publishedAt,
    rooms: snapshot.rooms,
    sessions: snapshot.sessions,
    speakers: snapshot.speakers ?? [],
    exhibitors: snapshot.exhibitors ?? [],
    changelog: last.changelog as ChangelogEntryView[],
    exhibitorChanges: snapshot.exhibitorChanges ?? [],
  };
  const etag = `"${createHash('sha256').update(`${eventId}#${last.version}#${last.publishedAt}`).digest('base64url').slice(0, 22)}"`;
  return { agenda, etag };
}
