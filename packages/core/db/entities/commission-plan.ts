import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** A commission plan: rules by scope and basis, a leader override, the hold before lines are approved. */
export const commissionPlanSchema = {
  model: { entity: 'commissionPlan', version: '1', service: SERVICE },
  attributes: {
    planId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    holdDays: { type: 'number', required: true },
    rules: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          ruleId: { type: 'string', required: true },
          scope: { type: ['ticket_type', 'table', 'guest_list'] as const, required: true },
          basis: { type: ['fixed_per_ticket', 'percent_of_net', 'per_check_in'] as const, required: true },
          ticketTypeIds: { type: 'list', items: { type: 'string' } },
          rateBps: { type: 'number' },
          amount: { type: 'number' },
          currency: { type: 'string' },
        },
      },
    },
    leaderOverrideBps: { type: 'number' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['planId'] }, sk: { field: 'sk', composite: [] } },
    all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['planId'] } },
  },
} as const;

export declare const commissionPlanEntity: Db['entities']['commissionPlan'];
