import { db } from '#packages/core/db/service.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { PublicExhibitorView } from './contract.ts';

/**
 * The event's exhibitors as the public sees them: profile (name,
 * description, products, links) and where their booth is on the map —
 * nothing internal (no company, sponsorship, staff, charges or lead
 * questions). Two Queries of the event's partitions; by name, then id, so a
 * snapshot of it compares equal when nothing changed.
 */
export async function publicExhibitors(eventId: string): Promise<PublicExhibitorView[]> {
  const [{ data: exhibitors }, { data: booths }] = await Promise.all([
    db().entities.exhibitor.query.byEvent({ eventId }).go({ pages: 'all' }),
    db().entities.booth.query.byEvent({ eventId }).go({ pages: 'all' }),
  ]);
  const boothOf = new Map(booths.map((b) => [b.boothGuid, b]));
  return exhibitors
    .map((e) => {
      const booth = e.boothGuid ? boothOf.get(e.boothGuid) : undefined;
      return definedOnly({
        id: e.exhibitorId,
        name: e.name,
        description: e.description,
        products: e.products,
        links: e.links as PublicExhibitorView['links'],
        booth: booth ? { boothGuid: booth.boothGuid, name: booth.name, position: { x: booth.x, y: booth.y }, size: { width: booth.width, height: booth.height } } : undefined,
      }) as PublicExhibitorView;
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
