import { db } from '#packages/core/db/service.ts';
import type { PublicSpeakerView } from './contract.ts';

/**
 * The speakers a release shows: only those who consent to publish, only on
 * the sessions it schedules, and only their public fields (never the email).
 * Two Queries of the event's agenda partition.
 */
export async function publishedSpeakers(eventId: string, scheduledSessionIds: ReadonlySet<string>): Promise<PublicSpeakerView[]> {
  const [{ data: speakers }, { data: assignments }] = await Promise.all([
    db().entities.speaker.query.byEvent({ eventId }).go({ pages: 'all' }),
    db().entities.speakerAssignment.query.byEvent({ eventId }).go({ pages: 'all' }),
  ]);
  return speakers
    .filter((s) => s.consentToPublish)
    .map((s) => ({
      id: s.speakerId,
      name: s.name,
      ...(s.tagline ? { tagline: s.tagline } : {}),
      ...(s.bio ? { bio: s.bio } : {}),
      expertise: s.expertise ?? [],
      links: s.links ?? [],
      ...(s.headshotUrl ? { headshotUrl: s.headshotUrl } : {}),
      sessionIds: assignments.filter((a) => a.speakerId === s.speakerId && scheduledSessionIds.has(a.sessionId)).map((a) => a.sessionId).sort(),
    }))
    .filter((s) => s.sessionIds.length > 0)
    .sort((a, b) => a.id.localeCompare(b.id));
}
