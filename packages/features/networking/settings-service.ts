import { db } from '#packages/core/db/service.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import type { NetworkingSettingsInput } from './contract.ts';

/** Without settings every ticket may send this many requests. */
export const DEFAULT_QUOTA = 10;

export async function putSettings(eventId: string, input: NetworkingSettingsInput) {
  await loadEvent(eventId);
  await db().entities.networkingSettings.put({ eventId, defaultQuota: input.defaultQuota, quotas: input.quotas ?? {}, locations: input.locations ?? [] }).go();
  return getSettings(eventId);
}

export async function getSettings(eventId: string): Promise<Required<NetworkingSettingsInput>> {
  const { data } = await db().entities.networkingSettings.get({ eventId }).go();
  return { defaultQuota: data?.defaultQuota ?? DEFAULT_QUOTA, quotas: (data?.quotas as Record<string, number> | undefined) ?? {}, locations: data?.locations ?? [] };
}

/** The route's read: 404 for an unknown event, never the defaults. */
export async function settingsOfEvent(eventId: string): Promise<Required<NetworkingSettingsInput>> {
  await loadEvent(eventId);
  return getSettings(eventId);
}

export async function quotaOf(eventId: string, ticketTypeId: string): Promise<number> {
  const settings = await getSettings(eventId);
  return settings.quotas[ticketTypeId] ?? settings.defaultQuota;
}
