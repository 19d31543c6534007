import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * One benefit a sponsorship owes (a booth, passes, a logo placement, a talk,
 * lead-scanner seats), tracked to delivery by its due date. Pending benefits
 * sit in the sparse `pendingByDue` index, oldest due first: the overdue job
 * reads only those due before now and gives each one task, once.
 */
export const sponsorBenefitSchema = {
  model: { entity: 'sponsorBenefit', version: '1', service: SERVICE },
  attributes: {
    sponsorshipId: { type: 'string', required: true, readOnly: true },
    benefitId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['booth', 'passes', 'logo', 'talk', 'lead_scanner', 'other'] as const, required: true },
    description: { type: 'string', required: true },
    quantity: { type: 'number', required: true },
    dueAt: { type: 'string', required: true },
    status: { type: ['pending', 'delivered'] as const, required: true },
    ownerId: { type: 'string', required: true },
    deliveredAt: { type: 'string' },
    /** The follow-up task the overdue job created (once). */
    taskId: { type: 'string' },
    /** The overdue job's lease while it creates the task: a crashed run's claim runs out. */
    taskClaimUntil: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    bySponsorship: { pk: { field: 'pk', composite: ['sponsorshipId'] }, sk: { field: 'sk', composite: ['benefitId'] } },
    /** Writes that change `status` also set `dueAt`, so ElectroDB re-evaluates the condition and drops the keys on delivery. */
    pendingByDue: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['status'] },
      sk: { field: 'gsi2sk', composite: ['dueAt', 'benefitId'] },
      condition: (attr: { status?: string }) => attr.status === 'pending',
    },
  },
} as const;

export declare const sponsorBenefitEntity: Db['entities']['sponsorBenefit'];
