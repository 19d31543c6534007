import type { LeadStatus } from '#packages/core/db/entities/lead.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';

/** Statuses a lead can still leave (through PATCH or convert). */
export const OPEN_LEAD_STATUSES = ['new', 'contacted', 'qualified'] as const satisfies readonly LeadStatus[];

/**
 * The moves PATCH may make: forward only (a step may be skipped), and any
 * open lead may be disqualified. `converted` is reached only through
 * `POST /v1/leads/{id}/convert`; converted and disqualified are final.
 */
const NEXT: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'qualified', 'disqualified'],
  contacted: ['qualified', 'disqualified'],
  qualified: ['disqualified'],
  converted: [],
  disqualified: [],
};

export function isOpenLead(status: LeadStatus): boolean {
  return (OPEN_LEAD_STATUSES as readonly LeadStatus[]).includes(status);
}

export function canMove(from: LeadStatus, to: LeadStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws 422 `invalid_transition` unless PATCH may move the lead from `from` to `to`. */
export function assertTransition(from: LeadStatus, to: LeadStatus): void {
  if (to === 'converted') {
    throw unprocessable('invalid_transition', 'A lead becomes converted only through POST /v1/leads/{id}/convert', { from, to });
  }
  if (!canMove(from, to)) {
    throw unprocessable('invalid_transition', `A lead cannot move from ${from} to ${to}`, { from, to, allowed: NEXT[from] });
  }
}

/** Throws unless the lead may be converted: twice → 409 `already_converted`, disqualified → 422. */
export function assertConvertible(status: LeadStatus): void {
  if (status === 'converted') throw conflict('already_converted', 'The lead has been converted already');
  if (!isOpenLead(status)) {
    throw unprocessable('invalid_transition', `A ${status} lead cannot be converted`, { from: status, to: 'converted' });
  }
}
