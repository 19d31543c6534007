import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

/** Seats a single order may name or ask for: its hold is one transaction of ≤ 100 items (seats, order, hold, slices, tickets). */
export const MAX_SEATS_PER_ORDER = 40;

const Point = z.object({ x: z.number(), y: z.number() });
/** Ids that become part of a key: a section's, a zone's. */
const KeyId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64'));
export const SeatGuid = z.string().check(z.regex(/^[^\s#]{1,100}$/, '1–100 characters, no spaces or #'));
const Label = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

const Seat = z.object({ seatGuid: SeatGuid, seatNumber: z.string().check(z.maxLength(20)), position: Point, category: Label });
const Row = z.object({ rowNumber: z.string().check(z.maxLength(20)), position: z.optional(Point), seats: z.array(Seat).check(z.maxLength(500)) });
const Section = z.object({ sectionId: KeyId, name: Label, position: z.optional(Point), rows: z.array(Row).check(z.maxLength(500)) });
const Zone = z.object({ zoneId: KeyId, name: Label, position: z.optional(Point), sections: z.array(Section).check(z.minLength(1), z.maxLength(100)) });
const GaArea = z.object({ areaId: KeyId, name: Label, category: Label, capacity: z.int().check(z.minimum(1), z.maximum(1_000_000)) });
const MapTable = z.object({ tableGuid: SeatGuid, name: Label, seats: z.int().check(z.minimum(1), z.maximum(100)), position: z.optional(Point), category: z.optional(Label) });
/** A trade-show booth drawn on the map: sold as a whole (packages/features/exhibitors), never by seat. */
const MapBooth = z.object({ boothGuid: SeatGuid, name: Label, position: Point, size: z.object({ width: z.number().check(z.positive()), height: z.number().check(z.positive()) }) });
const Category = z.object({ name: Label, color: z.optional(z.string().check(z.maxLength(32))), ticketTypeId: z.optional(Ulid) });

/** The native seat map: zones → sections → rows → seats, plus GA areas and tables; positions relative as in pretix. */
export const SeatMapDocument = z
  .object({
    name: Label,
    size: z.object({ width: z.number(), height: z.number() }),
    /** Where the stage is: best available picks the seats nearest it (default: the middle of the top edge). */
    focalPoint: z.optional(Point),
    categories: z.array(Category).check(z.minLength(1), z.maxLength(50)),
    zones: z.array(Zone).check(z.maxLength(50)),
    gaAreas: z.optional(z.array(GaArea).check(z.maxLength(50))),
    tables: z.optional(z.array(MapTable).check(z.maxLength(500))),
    booths: z.optional(z.array(MapBooth).check(z.maxLength(1000))),
    /** For display only; sanitised on the way in (no scripts, handlers or external references). */
    svgContent: z.optional(z.string().check(z.maxLength(200_000))),
  })
  .register(z.globalRegistry, { id: 'SeatMapDocument' });

const PretixSeat = z.object({
  seat_guid: SeatGuid,
  seat_number: z.string().check(z.maxLength(20)),
  position: Point,
  category: Label,
  uuid: z.optional(z.string()),
  radius: z.optional(z.number()),
});
const PretixRow = z.object({
  row_number: z.string().check(z.maxLength(20)),
  position: Point,
  seats: z.array(PretixSeat).check(z.maxLength(500)),
  uuid: z.optional(z.string()),
  row_number_position: z.optional(z.string()),
});
const PretixZone = z.object({
  name: Label,
  position: Point,
  rows: z.array(PretixRow).check(z.maxLength(500)),
  uuid: z.optional(z.string()),
  zone_id: z.optional(z.string()),
  areas: z.optional(z.array(z.unknown())),
});

/** pretix's seating-plan JSON (the fields a plan's seats, rows, zones and categories are made of). */
export const PretixPlan = z
  .object({
    name: Label,
    categories: z.array(z.object({ name: Label, color: z.optional(z.string()) })).check(z.minLength(1), z.maxLength(50)),
    zones: z.array(PretixZone).check(z.maxLength(100)),
    size: z.object({ width: z.number(), height: z.number() }),
  })
  .register(z.globalRegistry, { id: 'PretixPlan' });

const MapVersion = z.int().check(z.minimum(1), z.maximum(1_000_000));

export const CreateSeatMap = z
  .object({
    map: z.optional(SeatMapDocument),
    /** Import: a pretix plan, its categories mapped to ticket types by `categoryTicketTypes`. */
    pretix: z.optional(PretixPlan),
    /** Adopt: a version of the seat map of the event's venue, copied into this event (its seat states stay the event's). */
    venueMap: z.optional(z.object({ version: MapVersion })),
    /** Category name → this event's ticket type (for a pretix import or a venue map; a native map names them itself). */
    categoryTicketTypes: z.optional(z.record(z.string().check(z.maxLength(100)), Ulid)),
    focalPoint: z.optional(Point),
    svgContent: z.optional(z.string().check(z.maxLength(200_000))),
  })
  .check(
    z.refine((v) => [v.map, v.pretix, v.venueMap].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of map, pretix and venueMap' }),
  )
  .register(z.globalRegistry, { id: 'CreateSeatMap' });

/** A venue's map: the same document, its categories naming no ticket types (each event maps them when it adopts a version). */
export const CreateVenueSeatMap = z
  .object({
    map: z.optional(SeatMapDocument),
    pretix: z.optional(PretixPlan),
    focalPoint: z.optional(Point),
    svgContent: z.optional(z.string().check(z.maxLength(200_000))),
  })
  .check(z.refine((v) => (v.map === undefined) !== (v.pretix === undefined), { message: 'give exactly one of map and pretix' }))
  .register(z.globalRegistry, { id: 'CreateVenueSeatMap' });

export const SeatMapVersionParams = z.object({ id: Ulid, version: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)) });

const CategoryCapacity = z.object({
  name: z.string(),
  color: z.optional(z.string()),
  ticketTypeId: z.optional(Ulid),
  seats: z.int(),
  gaCapacity: z.int(),
  capacity: z.int(),
});

export const SeatMap = z
  .object({
    eventId: Ulid,
    version: z.int(),
    status: z.enum(['draft', 'published', 'superseded']),
    name: z.string(),
    /** Seats plus GA places plus table places, derived from the map. */
    capacity: z.int(),
    seatCount: z.int(),
    categories: z.array(CategoryCapacity),
    map: SeatMapDocument,
    publishedAt: z.optional(IsoDateTime),
    /** The venue map version this one was adopted from. */
    fromVenueMap: z.optional(z.object({ venueId: Ulid, version: z.int() })),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'SeatMap' });

export const VenueSeatMap = z
  .object({
    venueId: Ulid,
    version: z.int(),
    name: z.string(),
    capacity: z.int(),
    seatCount: z.int(),
    categories: z.array(CategoryCapacity),
    map: SeatMapDocument,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'VenueSeatMap' });

export const VenueSeatMapSummary = z
  .object({ venueId: Ulid, version: z.int(), name: z.string(), capacity: z.int(), seatCount: z.int(), createdAt: IsoDateTime })
  .register(z.globalRegistry, { id: 'VenueSeatMapSummary' });

export const SeatMapSummary = z
  .object({ eventId: Ulid, version: z.int(), status: z.enum(['draft', 'published', 'superseded']), name: z.string(), capacity: z.int(), seatCount: z.int(), createdAt: IsoDateTime })
  .register(z.globalRegistry, { id: 'SeatMapSummary' });

export const SeatState = z.enum(['free', 'held', 'sold', 'blocked']);

export const SeatsQuery = z.object({ section: KeyId });

export const SeatStates = z
  .object({
    eventId: Ulid,
    sectionId: z.string(),
    seats: z.array(z.object({ seatGuid: z.string(), state: SeatState, category: z.string(), row: z.string(), number: z.string() })),
  })
  .register(z.globalRegistry, { id: 'SeatStates' });

export const BlockSeats = z
  .object({ seatGuids: z.array(SeatGuid).check(z.minLength(1), z.maxLength(100)) })
  .register(z.globalRegistry, { id: 'BlockSeats' });

export const BlockedSeats = z.object({ eventId: Ulid, seatGuids: z.array(z.string()), state: SeatState }).register(z.globalRegistry, { id: 'BlockedSeats' });

/** What an order asks of the map: named seats, or the best N of a category. */
export const BestAvailable = z.object({
  category: Label,
  quantity: z.int().check(z.minimum(1), z.maximum(MAX_SEATS_PER_ORDER)),
  together: z._default(z.enum(['required', 'preferred']), 'required'),
});
export const SeatList = z.array(SeatGuid).check(z.minLength(1), z.maxLength(MAX_SEATS_PER_ORDER));

export type MapBoothInput = z.infer<typeof MapBooth>;
export type SeatMapDocumentInput = z.infer<typeof SeatMapDocument>;
export type PretixPlanInput = z.infer<typeof PretixPlan>;
export type CreateSeatMapInput = z.infer<typeof CreateSeatMap>;
export type CreateVenueSeatMapInput = z.infer<typeof CreateVenueSeatMap>;
export type VenueSeatMapView = z.infer<typeof VenueSeatMap>;
export type SeatMapView = z.infer<typeof SeatMap>;
export type BestAvailableInput = z.infer<typeof BestAvailable>;
