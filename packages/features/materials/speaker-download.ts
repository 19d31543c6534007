import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { SpeakerRef } from '#packages/features/speakers/index.ts';
import { issue, notEntitled, readMaterial, type MaterialItem } from './material-service.ts';

/**
 * Decides BEFORE any link is signed whether the speaker reaches the material:
 * only the files of their own event (another event's id is not found under
 * theirs), at level `speaker` (or `public`); a session's speaker file only for
 * a speaker on that session. Attendee and sponsor levels are refused.
 */
async function speakerEntitled(m: MaterialItem, ref: SpeakerRef): Promise<void> {
  const { data: speaker } = await db().entities.speaker.get(ref).go();
  if (!speaker) throw notFound('Speaker', ref.speakerId);
  if (m.access === 'public') return;
  if (m.access !== 'speaker') throw notEntitled(m.access, 'not a speaker file');
  if (m.sessionId) {
    const { data: assignment } = await db().entities.speakerAssignment.get({ ...ref, sessionId: m.sessionId }).go();
    if (!assignment) throw notEntitled(m.access, 'for the speakers of its session');
  }
}

export async function speakerDownload(ref: SpeakerRef, materialId: string) {
  const m = await readMaterial(ref.eventId, materialId);
  await speakerEntitled(m, ref);
  return issue(m);
}
