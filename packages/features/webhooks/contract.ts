import * as z from 'zod/mini';
import { IsoDateTime, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { detailTypes } from '#events/catalog.ts';

/** A detail type of the event catalog, or `*` for every one. */
export const WebhookEventType = z.enum(['*', ...detailTypes] as [string, ...string[]]);

export const CreateWebhookEndpoint = z
  .object({
    url: z.url().check(z.maxLength(2000)),
    eventTypes: z.array(WebhookEventType).check(z.minLength(1), z.maxLength(100)),
    description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  })
  .register(z.globalRegistry, { id: 'CreateWebhookEndpoint' });

export const UpdateWebhookEndpoint = z
  .object({
    url: z.optional(z.url().check(z.maxLength(2000))),
    eventTypes: z.optional(z.array(WebhookEventType).check(z.minLength(1), z.maxLength(100))),
    description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
    /** `disabled` sets the reason `manual`; `enabled` clears the reason and the failure clock. */
    status: z.optional(z.enum(['enabled', 'disabled'])),
  })
  .register(z.globalRegistry, { id: 'UpdateWebhookEndpoint' });

export const WebhookEndpoint = z
  .object({
    id: Ulid,
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.optional(z.string()),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.optional(z.enum(['gone', 'failing', 'manual'])),
    disabledAt: z.optional(IsoDateTime),
    /** Since when every attempt failed (cleared by a success). */
    failingSince: z.optional(IsoDateTime),
    /** Until when the secret before the last rotation still signs too. */
    previousSecretExpiresAt: z.optional(IsoDateTime),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'WebhookEndpoint' });

/** The answer of a creation or a rotation: the only time the signing secret is shown. */
export const WebhookEndpointWithSecret = z
  .object({ ...WebhookEndpoint.shape, secret: z.string() })
  .register(z.globalRegistry, { id: 'WebhookEndpointWithSecret' });

export const WebhookAttempt = z
  .object({
    id: Ulid,
    messageId: z.string(),
    eventType: z.string(),
    attempt: z.int(),
    attemptedAt: IsoDateTime,
    outcome: z.enum(['delivered', 'failed', 'refused']),
    statusCode: z.optional(z.int()),
    error: z.optional(z.string()),
    responseBody: z.optional(z.string()),
    durationMs: z.int(),
  })
  .register(z.globalRegistry, { id: 'WebhookAttempt' });

export const WebhookMessage = z
  .object({
    messageId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.int(),
    nextAttemptAt: z.optional(IsoDateTime),
    lastStatusCode: z.optional(z.int()),
    lastError: z.optional(z.string()),
    deliveredAt: z.optional(IsoDateTime),
    createdAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'WebhookMessage' });

/** One message by its `webhook-id`, or every message created in [since, until). */
export const ReplayWebhookMessages = z
  .object({
    messageId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    since: z.optional(IsoDateTime),
    until: z.optional(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'ReplayWebhookMessages' });

export const ReplayResult = z.object({ replayed: z.int() }).register(z.globalRegistry, { id: 'WebhookReplayResult' });

export type CreateWebhookEndpointInput = z.infer<typeof CreateWebhookEndpoint>;
export type UpdateWebhookEndpointInput = z.infer<typeof UpdateWebhookEndpoint>;
export type WebhookEndpointView = z.infer<typeof WebhookEndpoint>;
export type WebhookAttemptView = z.infer<typeof WebhookAttempt>;
export type WebhookMessageView = z.infer<typeof WebhookMessage>;
export type ReplayInput = z.infer<typeof ReplayWebhookMessages>;
