import { catalog, type DetailType, type EventData } from '#events/catalog.ts';
import { nowIso } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { newId } from '../ids.ts';

export interface PendingEvent {
  eventId: string;
  source: string;
  detailType: DetailType;
  /** The JSON envelope `{ metadata, data }`, exactly as it goes on the bus. */
  detail: string;
  occurredAt: string;
}

/**
 * Checks `data` against the catalog and wraps it in the envelope of shared/README.md §4.
 * `eventId`: given only to publish again an event recorded before (the same id, so consumers apply it once).
 */
export function domainEvent<T extends DetailType>(
  detailType: T,
  data: EventData<T>,
  ctx: Pick<RequestContext, 'correlationId' | 'depth'>,
  eventId: string = newId(),
): PendingEvent {
  const entry = catalog[detailType];
  const occurredAt = nowIso();
  const metadata = { id: eventId, occurredAt, version: entry.version, correlationId: ctx.correlationId, ...(ctx.depth ? { depth: ctx.depth } : {}) };
  return { eventId, source: entry.source, detailType, detail: JSON.stringify({ metadata, data: entry.data.parse(data) }), occurredAt };
}
