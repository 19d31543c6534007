import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

export const ErasureReport = z
  .object({ contactId: Ulid, erasedAt: IsoDateTime, touched: z.record(z.string(), z.int()) })
  .register(z.globalRegistry, { id: 'ErasureReport' });
