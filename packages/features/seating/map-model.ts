import { unprocessable } from '#packages/core/errors.ts';
import type { SeatMapDocumentInput } from './contract.ts';

/** A seat as the map places it: absolute position, its row and its place in the row. */
export interface PlacedSeat {
  seatGuid: string;
  sectionId: string;
  category: string;
  ticketTypeId?: string;
  row: string;
  rank: number;
  number: string;
  x: number;
  y: number;
}

export interface CategoryCapacity {
  name: string;
  color?: string;
  ticketTypeId?: string;
  seats: number;
  gaCapacity: number;
  capacity: number;
}

export interface MapFacts {
  seats: PlacedSeat[];
  categories: CategoryCapacity[];
  /** Seats + GA places + table places. */
  capacity: number;
  sectionsByCategory: Map<string, string[]>;
  focalPoint: { x: number; y: number };
}

const add = (a?: { x: number; y: number }, b?: { x: number; y: number }) => ({ x: (a?.x ?? 0) + (b?.x ?? 0), y: (a?.y ?? 0) + (b?.y ?? 0) });

/**
 * Everything derived from a map, checked: ids unique (seat guids and section
 * ids ignoring case, since keys are lower-cased), every seat's and area's
 * category declared. Capacity is counted from the map, never typed in.
 */
export function mapFacts(doc: SeatMapDocumentInput): MapFacts {
  const categories = new Map(doc.categories.map((c) => [c.name, { name: c.name, ...(c.color ? { color: c.color } : {}), ...(c.ticketTypeId ? { ticketTypeId: c.ticketTypeId } : {}), seats: 0, gaCapacity: 0, capacity: 0 }]));
  if (categories.size !== doc.categories.length) throw unprocessable('invalid_seat_map', 'Category names must be unique');
  const seats: PlacedSeat[] = [];
  const guids = new Set<string>();
  const sectionIds = new Set<string>();
  const sectionsByCategory = new Map<string, string[]>();
  const duplicates: string[] = [];
  const unknownCategories = new Set<string>();
  for (const zone of doc.zones) {
    for (const section of zone.sections) {
      const sectionKey = section.sectionId.toLowerCase();
      if (sectionIds.has(sectionKey)) throw unprocessable('invalid_seat_map', `Section ${section.sectionId} appears twice`, { sectionId: section.sectionId });
      sectionIds.add(sectionKey);
      const origin = add(zone.position, section.position);
      for (const row of section.rows) {
        const rowOrigin = add(origin, row.position);
        row.seats.forEach((seat, rank) => {
          const key = seat.seatGuid.toLowerCase();
          if (guids.has(key)) duplicates.push(seat.seatGuid);
          guids.add(key);
          const category = categories.get(seat.category);
          if (!category) return void unknownCategories.add(seat.category);
          category.seats++;
          const inCategory = sectionsByCategory.get(seat.category) ?? [];
          if (!inCategory.includes(section.sectionId)) sectionsByCategory.set(seat.category, [...inCategory, section.sectionId]);
          const at = add(rowOrigin, seat.position);
          seats.push({
            seatGuid: seat.seatGuid,
            sectionId: section.sectionId,
            category: seat.category,
            ...(category.ticketTypeId ? { ticketTypeId: category.ticketTypeId } : {}),
            row: row.rowNumber,
            rank,
            number: seat.seatNumber,
            x: at.x,
            y: at.y,
          });
        });
      }
    }
  }
  let tablePlaces = 0;
  for (const table of doc.tables ?? []) {
    const key = table.tableGuid.toLowerCase();
    if (guids.has(key)) duplicates.push(table.tableGuid);
    guids.add(key);
    tablePlaces += table.seats;
  }
  for (const booth of doc.booths ?? []) {
    const key = booth.boothGuid.toLowerCase();
    if (guids.has(key)) duplicates.push(booth.boothGuid);
    guids.add(key);
  }
  for (const area of doc.gaAreas ?? []) {
    const category = categories.get(area.category);
    if (!category) unknownCategories.add(area.category);
    else category.gaCapacity += area.capacity;
  }
  if (duplicates.length) throw unprocessable('invalid_seat_map', 'Seat, table and booth guids must be unique (ignoring case)', { seatGuids: duplicates.slice(0, 50) });
  if (unknownCategories.size) throw unprocessable('invalid_seat_map', 'Seats name categories the map does not declare', { categories: [...unknownCategories] });
  const list = [...categories.values()].map((c) => ({ ...c, capacity: c.seats + c.gaCapacity }));
  return {
    seats,
    categories: list,
    capacity: list.reduce((sum, c) => sum + c.capacity, 0) + tablePlaces,
    sectionsByCategory,
    focalPoint: doc.focalPoint ?? { x: doc.size.width / 2, y: 0 },
  };
}
