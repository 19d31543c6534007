import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Uniqueness guard of a promoter code (upper-cased), put with the promoter; also the code → promoter lookup. */
export const promoterCodeSchema = {
  model: { entity: 'promoterCode', version: '1', service: SERVICE },
  attributes: {
    code: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
  },
  indexes: { byCode: { pk: { field: 'pk', composite: ['code'] }, sk: { field: 'sk', composite: [] } } },
} as const;

export declare const promoterCodeEntity: Db['entities']['promoterCode'];
