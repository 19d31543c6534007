import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

const Text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const Url = z.url({ protocol: /^https?$/ });

/** What a speaker says about themselves; organisers may set it when inviting, the speaker edits it through their link. */
const profileFields = {
  bio: z.optional(Text(5000)),
  tagline: z.optional(Text(200)),
  expertise: z.optional(z.array(Text(80)).check(z.maxLength(20))),
  links: z.optional(z.array(Url).check(z.maxLength(10))),
  headshotUrl: z.optional(Url),
  /** Only a speaker who consents appears in the public agenda. */
  consentToPublish: z.optional(z.boolean()),
};

export const InviteSpeaker = z
  .object({
    email: z.email(),
    firstName: Text(100).check(z.minLength(1)),
    lastName: z.optional(Text(100)),
    ...profileFields,
  })
  .register(z.globalRegistry, { id: 'InviteSpeaker' });
export type InviteSpeakerInput = z.infer<typeof InviteSpeaker>;

export const SpeakerProfileInput = z
  .object({ name: z.optional(Text(200).check(z.minLength(1))), ...profileFields })
  .register(z.globalRegistry, { id: 'SpeakerProfileInput' });
export type SpeakerProfileInputValue = z.infer<typeof SpeakerProfileInput>;

export const AssignmentInput = z
  .object({ abstract: z.optional(Text(5000)), avNeeds: z.optional(Text(1000)) })
  .register(z.globalRegistry, { id: 'SpeakerAssignmentInput' });
export type AssignmentInputValue = z.infer<typeof AssignmentInput>;

export const SpeakerSession = z.object({ sessionId: Ulid, title: z.optional(z.string()), abstract: z.optional(z.string()), avNeeds: z.optional(z.string()) });

export const Speaker = z
  .object({
    id: Ulid,
    eventId: Ulid,
    /** The speaker's contact (the id of the speaker is their contact's). */
    contactId: Ulid,
    email: z.string(),
    name: z.string(),
    bio: z.optional(z.string()),
    tagline: z.optional(z.string()),
    expertise: z.array(z.string()),
    links: z.array(z.string()),
    headshotUrl: z.optional(z.string()),
    consentToPublish: z.boolean(),
    status: z.enum(['invited', 'confirmed']),
    confirmedAt: z.optional(IsoDateTime),
    sessions: z.array(SpeakerSession),
  })
  .register(z.globalRegistry, { id: 'Speaker' });
export type SpeakerView = z.infer<typeof Speaker>;

export const SpeakerLink = z.object({ speakerId: Ulid, token: z.string(), url: z.string(), expiresAt: IsoDateTime }).register(z.globalRegistry, { id: 'SpeakerLink' });

export const SpeakerParams = z.object({ id: Ulid, speakerId: Ulid });
export const AssignmentParams = z.object({ id: Ulid, speakerId: Ulid, sessionId: Ulid });
export const SpeakerTokenParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)) });
export const SpeakerTokenSessionParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)), sessionId: Ulid });
