import type { EntityItem } from 'electrodb';
import type { sessionRegistrationEntity } from '#packages/core/db/entities/session-registration.ts';
import type { RegistrationView } from './contract.ts';

export type RegistrationItem = EntityItem<typeof sessionRegistrationEntity>;

export function toRegistrationView(r: RegistrationItem): RegistrationView {
  return {
    sessionId: r.sessionId,
    ticketId: r.ticketId,
    eventId: r.eventId,
    state: r.state,
    position: r.state === 'waitlisted' ? r.position : 0,
    ...(r.state === 'offered' && r.offerExpiresAt ? { offerExpiresAt: r.offerExpiresAt } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
