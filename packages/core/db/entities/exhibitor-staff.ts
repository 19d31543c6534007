import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** "User U works the booth of exhibitor X": the one GetItem that scopes an exhibitor-staff caller to its own exhibitor. */
export const exhibitorStaffSchema = {
  model: { entity: 'exhibitorStaff', version: '1', service: SERVICE },
  attributes: {
    exhibitorId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    ...timestamps,
  },
  indexes: {
    byExhibitor: { pk: { field: 'pk', composite: ['exhibitorId'] }, sk: { field: 'sk', composite: ['userId'] } },
  },
} as const;

export declare const exhibitorStaffEntity: Db['entities']['exhibitorStaff'];
