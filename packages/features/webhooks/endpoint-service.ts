import type { EntityItem } from 'electrodb';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookEndpointView } from './contract.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { webhookEndpointEntity } from '#packages/core/db/entities/webhook-endpoint.ts';
import { db } from '#packages/core/db/service.ts';
import { invalid, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { nowIso } from '#packages/core/clock.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { isAllowedUrl } from './outbound-http.ts';
import { newSigningSecret } from './signing.ts';
import { ttlCache } from '#packages/core/cache/ttl-cache.ts';

export type EndpointItem = EntityItem<typeof webhookEndpointEntity>;

/** The 24 h a rotated-out secret keeps signing. */
const ROTATION_OVERLAP_MS = 24 * 3600_000;

/** Never the secrets: they are answered once, by create and rotate. */
export function toEndpointView(item: EndpointItem): WebhookEndpointView {
  const { endpointId, secret: _s, previousSecret: _p, alertedAt: _a, previousSecretExpiresAt, ...rest } = item;
  const overlapping = previousSecretExpiresAt && previousSecretExpiresAt > nowIso();
  return { id: endpointId, ...rest, ...(overlapping ? { previousSecretExpiresAt } : {}) } as WebhookEndpointView;
}

function checkedUrl(url: string): string {
  if (!isAllowedUrl(new URL(url))) {
    throw invalid('webhook_url_not_allowed', 'A webhook URL must be https:// without credentials');
  }
  return url;
}

/** `*` alone when it is asked for; otherwise the distinct types. */
const normalizedTypes = (types: string[]): string[] => (types.includes('*') ? ['*'] : [...new Set(types)]);

export async function createEndpoint(input: CreateWebhookEndpointInput): Promise<WebhookEndpointView & { secret: string }> {
  const secret = newSigningSecret();
  const { data } = await db()
    .entities.webhookEndpoint.create({
      endpointId: newId(),
      url: checkedUrl(input.url),
      eventTypes: normalizedTypes(input.eventTypes),
      ...(input.description ? { description: input.description } : {}),
      status: 'enabled',
      secret,
    })
    .go();
  forgetEndpoints();
  return { ...toEndpointView(data), secret };
}

export async function endpointItem(id: string): Promise<EndpointItem | null> {
  const { data } = await db().entities.webhookEndpoint.get({ endpointId: id }).go();
  return data;
}

export async function getEndpoint(id: string): Promise<WebhookEndpointView> {
  const item = await endpointItem(id);
  if (!item) throw notFound('WebhookEndpoint', id);
  return toEndpointView(item);
}

export async function listEndpoints(page: PageRequest): Promise<Page<WebhookEndpointView>> {
  const { data, cursor } = await db()
    .entities.webhookEndpoint.query.all({})
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toEndpointView), nextCursor: cursor };
}

/**
 * Every endpoint (a tenant has a handful), as the fan-out reads them for each
 * event: kept 5 s per process, so a burst of events (a thousand scans at the
 * door) costs a Query every 5 s, and a tenant without endpoints pays nothing
 * more per event. A change here drops this process's copy at once; other
 * processes (deployed: other Lambdas) see it within 5 s.
 */
const endpointsCache = ttlCache<EndpointItem[]>(5_000, 1);
export function allEndpoints(): Promise<EndpointItem[]> {
  return endpointsCache.get('all', async () => (await db().entities.webhookEndpoint.query.all({}).go({ pages: 'all' })).data);
}
export const forgetEndpoints = (): void => endpointsCache.clear();

export async function updateEndpoint(id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointView> {
  const { status, url, eventTypes, description } = input;
  const set = {
    ...(url !== undefined ? { url: checkedUrl(url) } : {}),
    ...(eventTypes !== undefined ? { eventTypes: normalizedTypes(eventTypes) } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(status === 'disabled' ? { status, disabledReason: 'manual' as const, disabledAt: nowIso() } : {}),
    ...(status === 'enabled' ? { status } : {}),
  };
  try {
    let update = db().entities.webhookEndpoint.patch({ endpointId: id }).set(set);
    if (status === 'enabled') update = update.remove(['disabledReason', 'disabledAt', 'failingSince', 'alertedAt']);
    const { data } = await update.go({ response: 'all_new' });
    forgetEndpoints();
    return toEndpointView(data as EndpointItem);
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('WebhookEndpoint', id);
    throw error;
  }
}

export async function deleteEndpoint(id: string): Promise<void> {
  const { data } = await db().entities.webhookEndpoint.delete({ endpointId: id }).go({ response: 'all_old' });
  forgetEndpoints();
  if (!data) throw notFound('WebhookEndpoint', id);
}

/**
 * A new secret; the current one becomes the previous one and signs beside it
 * for 24 h. A second rotation within those 24 h drops the oldest.
 */
export async function rotateSecret(id: string): Promise<WebhookEndpointView & { secret: string }> {
  const current = await endpointItem(id);
  if (!current) throw notFound('WebhookEndpoint', id);
  const secret = newSigningSecret();
  try {
    const { data } = await db()
      .entities.webhookEndpoint.patch({ endpointId: id })
      .set({ secret, previousSecret: current.secret, previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS).toISOString() })
      // Two rotations at once: the loser retries on a fresh read rather than dropping the winner's secret.
      .where((a, op) => op.eq(a.secret, current.secret))
      .go({ response: 'all_new' });
    forgetEndpoints();
    return { ...toEndpointView(data as EndpointItem), secret };
  } catch (error) {
    if (isConditionFailure(error)) return rotateSecret(id);
    throw error;
  }
}

export const endpointWants = (endpoint: Pick<EndpointItem, 'eventTypes' | 'status'>, eventType: string): boolean =>
  endpoint.status === 'enabled' && (endpoint.eventTypes.includes('*') || endpoint.eventTypes.includes(eventType));
