import type { Principal } from '#packages/auth/principal.ts';
import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { definedOnly } from '#packages/core/views.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import type { CreateExhibitorInput, ExhibitorView, UpdateExhibitorInput } from './contract.ts';
import { exhibitorFor, type ExhibitorItem } from './access.ts';
import { publicExhibitors } from './public-profiles.ts';
import { seatsOf } from './staff-seats.ts';

/** An exhibitor without a sponsorship gets this many lead-scanner seats unless its package says otherwise. */
export const DEFAULT_LEAD_SCANNER_SEATS = 2;

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
    boothCharge: e.boothCharge,
    boothInvoice: e.boothInvoice,
    boothPayment: e.boothPayment,
    leadScannerSeats: seatsOf(e),
    staffCount: e.staffCount ?? 0,
  }) as ExhibitorView;

/** The lead-scanner seats the sponsorship's tier grants (0 when it names none). */
async function tierSeats(eventId: string, sponsorshipId: string): Promise<number> {
  const { data: sponsorship } = await db().entities.sponsorship.get({ sponsorshipId }).go();
  if (!sponsorship || sponsorship.eventId !== eventId) throw unprocessable('sponsorship_not_found', `Event ${eventId} has no sponsorship ${sponsorshipId}`);
  const { data: tier } = await db().entities.sponsorTier.get({ eventId, tierId: sponsorship.tierId }).go();
  const benefits = (tier?.benefits ?? []) as Array<{ kind: string; quantity: number }>;
  return benefits.filter((b) => b.kind === 'lead_scanner').reduce((sum, b) => sum + b.quantity, 0);
}

export async function createExhibitor(eventId: string, input: CreateExhibitorInput): Promise<ExhibitorView> {
  await loadEvent(eventId);
  if (input.companyId && !(await db().entities.company.get({ companyId: input.companyId }).go()).data) {
    throw unprocessable('company_not_found', `Company ${input.companyId} does not exist`);
  }
  const fromTier = input.sponsorshipId ? await tierSeats(eventId, input.sponsorshipId) : 0;
  const leadScannerSeats = fromTier + (input.leadScannerSeats ?? (input.sponsorshipId ? 0 : DEFAULT_LEAD_SCANNER_SEATS));
  const { data } = await db()
    .entities.exhibitor.create({ eventId, exhibitorId: newId(), ...input, leadScannerSeats, staffCount: 0 })
    .go();
  return toExhibitorView(data as ExhibitorItem);
}

/** Every exhibitor of the event (404 for an unknown event, never an empty list). */
export async function listExhibitors(eventId: string): Promise<ExhibitorView[]> {
  await loadEvent(eventId);
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

/** The public exhibitor directory of the event (the agenda's companion): profiles and where their booths are; 404 for an unknown event. */
export async function exhibitorDirectory(eventId: string) {
  await loadEvent(eventId);
  return { eventId, items: await publicExhibitors(eventId) };
}
