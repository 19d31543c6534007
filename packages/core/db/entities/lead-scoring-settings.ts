import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** The score's upper bound when no setting was stored. */
export const DEFAULT_SCORE_CAP = 100;

/** The one settings item of lead scoring (the cap), read with the rules in one Query. */
export const leadScoringSettingsSchema = {
  model: { entity: 'leadScoringSettings', version: '1', service: SERVICE },
  attributes: {
    cap: { type: 'number', required: true },
    ...timestamps,
  },
  indexes: {
    byId: {
      collection: 'leadScoring',
      pk: { field: 'pk', composite: [] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const leadScoringSettingsEntity: Db['entities']['leadScoringSettings'];
