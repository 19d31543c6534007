import { Entity } from 'electrodb';
import { nowIso } from '../../clock.ts';

/*
 * ElectroDB checks every model against a JSON schema when an entity is built
 * (twice for v1 models: the beta shape first, which always fails). The
 * models are constants, checked by the test suite on every run; in Lambda
 * that check would cost every cold start ~4 ms per entity, so it is skipped
 * there (AWS_LAMBDA_FUNCTION_NAME is set by the Lambda runtime only).
 */
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  (Entity.prototype as unknown as { _validateModel(): void })._validateModel = () => undefined;
}

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
