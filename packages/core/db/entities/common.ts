import { nowIso } from '../../clock.ts';

/** ElectroDB's default key format keeps entity names in keys; this is the service name in them. */
export const SERVICE = 'eventos';

export const timestamps = {
  createdAt: { type: 'string', required: true, readOnly: true, default: nowIso },
  // Recomputed on every write; a caller that must know the value (to answer
  // without re-reading) passes it in.
  updatedAt: { type: 'string', required: true, watch: '*', default: nowIso, set: (value?: string) => value ?? nowIso() },
} as const;

export const money = {
  type: 'map',
  properties: {
    amount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
  },
} as const;
