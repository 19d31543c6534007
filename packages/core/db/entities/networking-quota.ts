import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Meeting requests a ticket has sent: raised with each request by a write conditioned on staying within its quota. */
export const networkingQuotaSchema = {
  model: { entity: 'networkingQuota', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    sent: { type: 'number' },
  },
  indexes: {
    byTicket: { pk: { field: 'pk', composite: ['ticketId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const networkingQuotaEntity: Db['entities']['networkingQuota'];
