import type { SpeakerView } from './contract.ts';

interface StoredSpeaker {
  eventId: string;
  speakerId: string;
  email: string;
  name: string;
  bio?: string | undefined;
  tagline?: string | undefined;
  expertise?: string[] | undefined;
  links?: string[] | undefined;
  headshotUrl?: string | undefined;
  consentToPublish: boolean;
  status: 'invited' | 'confirmed';
  confirmedAt?: string | undefined;
}

export interface StoredAssignment {
  sessionId: string;
  abstract?: string | undefined;
  avNeeds?: string | undefined;
}

export function toSpeakerView(s: StoredSpeaker, assignments: readonly StoredAssignment[], titles: ReadonlyMap<string, string>): SpeakerView {
  return {
    id: s.speakerId,
    eventId: s.eventId,
    contactId: s.speakerId,
    email: s.email,
    name: s.name,
    ...(s.bio ? { bio: s.bio } : {}),
    ...(s.tagline ? { tagline: s.tagline } : {}),
    expertise: s.expertise ?? [],
    links: s.links ?? [],
    ...(s.headshotUrl ? { headshotUrl: s.headshotUrl } : {}),
    consentToPublish: s.consentToPublish,
    status: s.status,
    ...(s.confirmedAt ? { confirmedAt: s.confirmedAt } : {}),
    sessions: assignments.map((a) => ({
      sessionId: a.sessionId,
      ...(titles.has(a.sessionId) ? { title: titles.get(a.sessionId)! } : {}),
      ...(a.abstract ? { abstract: a.abstract } : {}),
      ...(a.avNeeds ? { avNeeds: a.avNeeds } : {}),
    })),
  };
}
