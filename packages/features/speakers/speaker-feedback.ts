import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { sessionFeedback } from '#packages/features/feedback/index.ts';
import type { SpeakerRef } from './speaker-token.ts';

/**
 * A speaker sees the feedback of the sessions they are on, and no other: one
 * key lookup of the assignment; anything else is a 404 (as if there were no
 * such session), so a speaker's link learns nothing of other sessions.
 */
export async function speakerSessionFeedback(ref: SpeakerRef, sessionId: string) {
  const { data: assignment } = await db().entities.speakerAssignment.get({ ...ref, sessionId }).go({ consistent: true });
  if (!assignment) throw notFound('Session', sessionId);
  return sessionFeedback(ref.eventId, sessionId);
}
