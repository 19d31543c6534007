import type { PretixPlanInput, SeatMapDocumentInput } from './contract.ts';

/** A key-safe id from a pretix zone's uuid or name. */
function sectionIdOf(zone: PretixPlanInput['zones'][number], index: number, taken: Set<string>): string {
  const base = (zone.uuid ?? zone.zone_id ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60) || `zone${index + 1}`;
  let id = base;
  for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base.slice(0, 58)}-${n}`;
  taken.add(id.toLowerCase());
  return id;
}

/**
 * pretix plan → native map: each pretix zone becomes a zone of one section
 * (pretix has no level between zones and rows); rows, seats, guids, numbers,
 * categories and relative positions are kept as they are. Areas (shapes and
 * labels) are decoration in pretix and are not imported.
 */
export function fromPretix(plan: PretixPlanInput, categoryTicketTypes: Record<string, string> = {}): SeatMapDocumentInput {
  const taken = new Set<string>();
  return {
    name: plan.name,
    size: plan.size,
    categories: plan.categories.map((c) => ({ name: c.name, ...(c.color ? { color: c.color } : {}), ...(categoryTicketTypes[c.name] ? { ticketTypeId: categoryTicketTypes[c.name] } : {}) })),
    zones: plan.zones.map((zone, i) => {
      const sectionId = sectionIdOf(zone, i, taken);
      return {
        zoneId: sectionId,
        name: zone.name,
        position: zone.position,
        sections: [
          {
            sectionId,
            name: zone.name,
            rows: zone.rows.map((row) => ({
              rowNumber: row.row_number,
              position: row.position,
              seats: row.seats.map((s) => ({ seatGuid: s.seat_guid, seatNumber: s.seat_number, position: s.position, category: s.category })),
            })),
          },
        ],
      };
    }),
  };
}

/** Native map → pretix plan: one pretix zone per section (named "zone – section" when they differ). */
export function toPretix(doc: SeatMapDocumentInput): PretixPlanInput & { zones: Array<PretixPlanInput['zones'][number] & { areas: unknown[] }> } {
  return {
    name: doc.name,
    categories: doc.categories.map((c) => ({ name: c.name, ...(c.color ? { color: c.color } : {}) })),
    size: doc.size,
    zones: doc.zones.flatMap((zone) =>
      zone.sections.map((section) => ({
        name: section.name === zone.name ? zone.name : `${zone.name} – ${section.name}`,
        uuid: section.sectionId,
        zone_id: section.sectionId,
        position: { x: (zone.position?.x ?? 0) + (section.position?.x ?? 0), y: (zone.position?.y ?? 0) + (section.position?.y ?? 0) },
        areas: [],
        rows: section.rows.map((row) => ({
          row_number: row.rowNumber,
          position: row.position ?? { x: 0, y: 0 },
          seats: row.seats.map((s) => ({ seat_guid: s.seatGuid, seat_number: s.seatNumber, position: s.position, category: s.category })),
        })),
      })),
    ),
  };
}
