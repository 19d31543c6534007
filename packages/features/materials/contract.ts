import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

export const MaterialAccess = z.enum(['public', 'registered', 'attended', 'speaker', 'sponsor']);

export const CreateMaterial = z
  .object({
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
    sessionId: z.optional(Ulid),
    kind: z.enum(['slides', 'recording', 'document', 'other']),
    /** public: anyone; registered: holds a ticket (and a confirmed seat, for a session with registration); attended: checked in (at the session's door, for a session's file); speaker, sponsor: staff hand those out. */
    access: MaterialAccess,
    contentType: z.string().check(z.regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'must be a MIME type')),
    fileName: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._ -]{1,120}$/, 'letters, digits, dot, dash, underscore, space'))),
  })
  .register(z.globalRegistry, { id: 'CreateMaterial' });

export const Material = z
  .object({
    id: Ulid,
    eventId: Ulid,
    sessionId: z.optional(Ulid),
    title: z.string(),
    kind: z.string(),
    access: MaterialAccess,
    contentType: z.string(),
    fileName: z.optional(z.string()),
    /** Download links issued. */
    downloads: z.int(),
    createdAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'Material' });

export const CreatedMaterial = z
  .object({ material: Material, upload: z.object({ url: z.string(), expiresAt: IsoDateTime, headers: z.record(z.string(), z.string()) }) })
  .register(z.globalRegistry, { id: 'CreatedMaterial' });

export const DownloadLink = z.object({ url: z.string(), expiresAt: IsoDateTime }).register(z.globalRegistry, { id: 'MaterialDownloadLink' });

export const MaterialParams = z.object({ id: Ulid, materialId: Ulid });
export const TokenMaterialParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)), materialId: Ulid });

export type CreateMaterialInput = z.infer<typeof CreateMaterial>;
export type MaterialView = z.infer<typeof Material>;
