import type { Principal } from '#packages/auth/principal.ts';
import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { definedOnly } from '#packages/core/views.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import type { CreateExhibitorInput, ExhibitorView, UpdateExhibitorInput } from './contract.ts';
import { exhibitorFor, loadExhibitor, type ExhibitorItem } from './access.ts';
import { listBooths } from './booth-service.ts';

export const toExhibitorView = (e: ExhibitorItem): ExhibitorView =>
  definedOnly({
    id: e.exhibitorId,
    eventId: e.eventId,
    name: e.name,
    companyId: e.companyId,
    sponsorshipId: e.sponsorshipId,
    description: e.description,
    products: e.products,
    links: e.links,
    leadQuestions: e.leadQuestions,
    boothGuid: e.boothGuid,
  }) as ExhibitorView;

export async function createExhibitor(eventId: string, input: CreateExhibitorInput): Promise<ExhibitorView> {
  await loadEvent(eventId);
  if (input.companyId && !(await db().entities.company.get({ companyId: input.companyId }).go()).data) {
    throw unprocessable('company_not_found', `Company ${input.companyId} does not exist`);
  }
  if (input.sponsorshipId) {
    const { data } = await db().entities.sponsorship.get({ sponsorshipId: input.sponsorshipId }).go();
    if (!data || data.eventId !== eventId) throw unprocessable('sponsorship_not_found', `Event ${eventId} has no sponsorship ${input.sponsorshipId}`);
  }
  const { data } = await db().entities.exhibitor.create({ eventId, exhibitorId: newId(), ...input }).go();
  return toExhibitorView(data as ExhibitorItem);
}

export async function listExhibitors(eventId: string): Promise<ExhibitorView[]> {
  const { data } = await db().entities.exhibitor.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.map(toExhibitorView);
}

export async function getExhibitor(principal: Principal, eventId: string, exhibitorId: string): Promise<ExhibitorView> {
  return toExhibitorView(await exhibitorFor(principal, eventId, exhibitorId));
}

/** Organisers edit any profile, exhibitor staff their own. */
export async function updateExhibitor(principal: Principal, eventId: string, exhibitorId: string, input: UpdateExhibitorInput): Promise<ExhibitorView> {
  await exhibitorFor(principal, eventId, exhibitorId);
  const { data } = await db().entities.exhibitor.patch({ eventId, exhibitorId }).set(definedOnly(input)).go({ response: 'all_new' });
  return toExhibitorView(data as ExhibitorItem);
}

/** The public exhibitor directory of the event (the agenda's companion): profiles and where their booths are, nothing internal. */
export async function exhibitorDirectory(eventId: string) {
  const [exhibitors, booths] = await Promise.all([listExhibitors(eventId), listBooths(eventId)]);
  const boothOf = new Map(booths.map((b) => [b.boothGuid, b]));
  return {
    eventId,
    items: exhibitors.map((e) => {
      const booth = e.boothGuid ? boothOf.get(e.boothGuid) : undefined;
      return definedOnly({
        id: e.id,
        name: e.name,
        description: e.description,
        products: e.products,
        links: e.links,
        booth: booth ? { boothGuid: booth.boothGuid, name: booth.name, position: booth.position, size: booth.size } : undefined,
      });
    }),
  };
}

export async function addStaff(eventId: string, exhibitorId: string, userId: string) {
  await loadExhibitor(eventId, exhibitorId);
  await db().entities.exhibitorStaff.put({ exhibitorId, userId, eventId }).go();
  return { exhibitorId, userId, eventId };
}
