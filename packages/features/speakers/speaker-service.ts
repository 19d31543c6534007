import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { ensureContact } from '#packages/features/contacts/index.ts';
import type { AssignmentInputValue, InviteSpeakerInput, SpeakerProfileInputValue, SpeakerView } from './contract.ts';
import { speakerLinkExpiry, speakerLinkUrl, speakerToken, type SpeakerRef } from './speaker-token.ts';
import { toSpeakerView, type StoredAssignment } from './speaker-view.ts';

async function eventOf(eventId: string) {
  const { data } = await db().entities.event.get({ eventId }).go();
  if (!data) throw notFound('Event', eventId);
  return data;
}

async function storedSpeaker(ref: SpeakerRef) {
  const { data } = await db().entities.speaker.get(ref).go({ consistent: true });
  if (!data) throw notFound('Speaker', ref.speakerId);
  return data;
}

async function titlesOf(eventId: string, sessionIds: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(sessionIds.map((sessionId) => db().entities.session.get({ eventId, sessionId }).go()));
  return new Map(found.flatMap(({ data }) => (data ? [[data.sessionId, data.title] as const] : [])));
}

async function viewOf(ref: SpeakerRef): Promise<SpeakerView> {
  const [speaker, { data: assignments }] = await Promise.all([
    storedSpeaker(ref),
    db().entities.speakerAssignment.query.byEvent(ref).go({ pages: 'all' }),
  ]);
  return toSpeakerView(speaker, assignments, await titlesOf(ref.eventId, assignments.map((a) => a.sessionId)));
}

const profileOf = (p: SpeakerProfileInputValue) => ({
  ...(p.bio !== undefined ? { bio: p.bio } : {}),
  ...(p.tagline !== undefined ? { tagline: p.tagline } : {}),
  ...(p.expertise !== undefined ? { expertise: p.expertise } : {}),
  ...(p.links !== undefined ? { links: p.links } : {}),
  ...(p.headshotUrl !== undefined ? { headshotUrl: p.headshotUrl } : {}),
  ...(p.consentToPublish !== undefined ? { consentToPublish: p.consentToPublish } : {}),
});

/**
 * Invites a speaker: their contact (found or created by email) is the
 * speaker's id, so inviting the same address again finds the same speaker
 * (`created: false`, nothing overwritten). The speaker and `speaker.invited`
 * are written in one transaction; its consumer mails the invitation, once per
 * speaker ever (an invite again while not confirmed emits it again: a mail
 * refused for good is then retried, a sent one is not repeated).
 */
export async function inviteSpeaker(eventId: string, input: InviteSpeakerInput, ctx: RequestContext): Promise<{ speaker: SpeakerView; created: boolean }> {
  await eventOf(eventId);
  const { contactId } = await ensureContact({ email: input.email, firstName: input.firstName, ...(input.lastName ? { lastName: input.lastName } : {}) }, ctx);
  const now = nowIso();
  const email = input.email.trim().toLowerCase();
  const name = [input.firstName, input.lastName].filter(Boolean).join(' ');
  const ref = { eventId, speakerId: contactId };
  const tx = namedTransaction<'speaker'>();
  tx.add(
    'speaker',
    tx.entities.speaker
      .create({ ...ref, email, name, ...profileOf(input), consentToPublish: input.consentToPublish ?? false, status: 'invited', createdAt: now, updatedAt: now })
      .commit(),
  );
  const invited = (s: { email: string; name: string }) => [domainEvent('speaker.invited', { ...ref, email: s.email, name: s.name }, ctx)];
  const outcome = await withRaceRetries(async () => {
    const result = await transactWithEvents(() => tx.items, invited({ email, name }));
    if (!result.canceled) return true;
    // Only a failed "create if absent" means the speaker exists; a conflict with another writer is tried again.
    return tx.rejected(result, 'speaker') ? false : RETRY;
  }, 8);
  if (outcome === RETRY) throw conflict('busy', 'Too many concurrent changes to this speaker; try again');
  if (!outcome) {
    const existing = await storedSpeaker(ref);
    if (existing.status === 'invited') await transactWithEvents(() => [], invited(existing));
  }
  return { speaker: await viewOf(ref), created: outcome };
}

export async function listSpeakers(eventId: string): Promise<SpeakerView[]> {
  await eventOf(eventId);
  const [{ data: speakers }, { data: assignments }] = await Promise.all([
    db().entities.speaker.query.byEvent({ eventId }).go({ pages: 'all' }),
    db().entities.speakerAssignment.query.byEvent({ eventId }).go({ pages: 'all' }),
  ]);
  const bySpeaker = new Map<string, StoredAssignment[]>();
  for (const a of assignments) bySpeaker.set(a.speakerId, [...(bySpeaker.get(a.speakerId) ?? []), a]);
  const titles = await titlesOf(eventId, [...new Set(assignments.map((a) => a.sessionId))]);
  return speakers.map((s) => toSpeakerView(s, bySpeaker.get(s.speakerId) ?? [], titles));
}

export const getSpeaker = (ref: SpeakerRef) => viewOf(ref);

/** Puts a speaker on a session with the presentation's details (again: the details are replaced). */
export async function assignSpeaker(ref: SpeakerRef, sessionId: string, input: AssignmentInputValue): Promise<SpeakerView> {
  const [, { data: session }] = await Promise.all([storedSpeaker(ref), db().entities.session.get({ eventId: ref.eventId, sessionId }).go()]);
  if (!session) throw notFound('Session', sessionId);
  await db()
    .entities.speakerAssignment.put({ ...ref, sessionId, ...(input.abstract ? { abstract: input.abstract } : {}), ...(input.avNeeds ? { avNeeds: input.avNeeds } : {}), assignedAt: nowIso() })
    .go();
  return viewOf(ref);
}

export async function unassignSpeaker(ref: SpeakerRef, sessionId: string): Promise<SpeakerView> {
  await storedSpeaker(ref);
  await db().entities.speakerAssignment.delete({ ...ref, sessionId }).go();
  return viewOf(ref);
}

/** The speaker edits their own profile through their link. */
export async function updateSpeakerProfile(ref: SpeakerRef, input: SpeakerProfileInputValue): Promise<SpeakerView> {
  await storedSpeaker(ref);
  await db()
    .entities.speaker.patch(ref)
    .set({ ...profileOf(input), ...(input.name ? { name: input.name } : {}), updatedAt: nowIso() })
    .go();
  return viewOf(ref);
}

/** The speaker confirms (again: nothing changes, the first confirmation time stays). */
export async function confirmSpeaker(ref: SpeakerRef): Promise<SpeakerView> {
  const speaker = await storedSpeaker(ref);
  if (speaker.status !== 'confirmed') {
    const now = nowIso();
    await db().entities.speaker.patch(ref).set({ status: 'confirmed', confirmedAt: now, updatedAt: now }).go();
  }
  return viewOf(ref);
}

/** Staff hand a speaker their link (it is also mailed with the invitation). */
export async function speakerLinkFor(ref: SpeakerRef) {
  const [event] = await Promise.all([eventOf(ref.eventId), storedSpeaker(ref)]);
  const token = speakerToken(ref, event.endsAt);
  return { speakerId: ref.speakerId, token, url: speakerLinkUrl(token), expiresAt: speakerLinkExpiry(event.endsAt).toISOString() };
}
