import type { EntityItem } from 'electrodb';
import type { networkingProfileEntity } from '#packages/core/db/entities/networking-profile.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { ProfileInputValue } from './contract.ts';
import { attendeeOf } from './attendee.ts';

type ProfileItem = EntityItem<typeof networkingProfileEntity>;

const toProfile = (p: ProfileItem) =>
  definedOnly({ ticketId: p.ticketId, displayName: p.displayName, company: p.company, jobTitle: p.jobTitle, bio: p.bio, interests: p.interests ?? [] }) as {
    ticketId: string;
    displayName: string;
    interests: string[];
  };

/** Opting in (or changing the entry): the attendee's directory profile. Only what they typed here is shown, never their email. */
export async function optIn(token: string, input: ProfileInputValue) {
  const me = await attendeeOf(token);
  const { data } = await db()
    .entities.networkingProfile.put({ eventId: me.eventId, ticketId: me.ticketId, ticketTypeId: me.ticketTypeId, ...input })
    .go();
  return toProfile(data as ProfileItem);
}

export async function optOut(token: string): Promise<void> {
  const me = await attendeeOf(token);
  await db().entities.networkingProfile.delete({ eventId: me.eventId, ticketId: me.ticketId }).go();
}

export async function profileOf(eventId: string, ticketId: string): Promise<ProfileItem | null> {
  const { data } = await db().entities.networkingProfile.get({ eventId, ticketId }).go();
  return data;
}

/** The directory, for attendees who are in it themselves: one Query of the event's profiles, filtered by interest. */
export async function directory(token: string, interest?: string) {
  const me = await attendeeOf(token);
  if (!(await profileOf(me.eventId, me.ticketId))) throw notFound('Directory entry', me.ticketId);
  const { data } = await db().entities.networkingProfile.query.byEvent({ eventId: me.eventId }).go({ pages: 'all' });
  const wanted = interest?.toLowerCase();
  return {
    items: data.filter((p) => p.ticketId !== me.ticketId && (!wanted || (p.interests ?? []).some((i) => i.toLowerCase() === wanted))).map(toProfile),
  };
}
