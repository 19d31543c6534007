import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A promoter (RRPP): a contact, a user with the `promoter` role, an immutable
 * code (unique through promoterCode), an optional team leader and plan.
 */
export const promoterSchema = {
  model: { entity: 'promoter', version: '1', service: SERVICE },
  attributes: {
    promoterId: { type: 'string', required: true, readOnly: true },
    code: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    email: { type: 'string', required: true },
    phone: { type: 'string' },
    userId: { type: 'string', required: true },
    contactId: { type: 'string' },
    leaderId: { type: 'string' },
    planId: { type: 'string' },
    status: { type: ['active', 'inactive'] as const, required: true, default: 'active' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['promoterId'] }, sk: { field: 'sk', composite: [] } },
    all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['promoterId'] } },
    byUser: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['userId'] }, sk: { field: 'gsi2sk', composite: ['promoterId'] } },
    /** Sparse (ElectroDB writes no key while leaderId is absent): the leader's team. */
    byLeader: { index: 'gsi3', pk: { field: 'gsi3pk', composite: ['leaderId'] }, sk: { field: 'gsi3sk', composite: ['promoterId'] } },
  },
} as const;

export declare const promoterEntity: Db['entities']['promoter'];
