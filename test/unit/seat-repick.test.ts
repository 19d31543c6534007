import { beforeEach, describe, expect, it, vi } from 'vitest';

// The section read is what a repick must avoid while the seats it read still hold a block: counted here.
const reads = vi.hoisted(() => ({ count: 0, seats: [] as unknown[] }));
vi.mock('#packages/features/seating/seat-store.ts', async (original) => ({
  ...(await original<typeof import('#packages/features/seating/seat-store.ts')>()),
  sectionSeats: async () => {
    reads.count++;
    return reads.seats;
  },
}));

const { repickSeats, selectSeats } = await import('#packages/features/seating/pick-seats.ts');

const eventId = '01JD0000000000000000000EVT';
const head = { eventId, latestVersion: 1, publishedVersion: 1, categories: [{ name: 'Stalls', ticketTypeId: 'TT', sectionIds: ['s1'] }], focalPoint: { x: 0, y: 0 } };
const seat = (n: number, state: 'free' | 'held' = 'free') => ({ eventId, sectionId: 's1', seatGuid: `s1-1-${n}`, state, category: 'Stalls', row: '1', rank: n, number: String(n), x: n * 10, y: 0, version: 1 });
const request = { bestAvailable: { category: 'Stalls', quantity: 2, together: 'required' as const } };

describe('best available after a lost race', () => {
  beforeEach(() => {
    reads.count = 0;
    reads.seats = [1, 2, 3, 4, 5, 6].map((n) => seat(n));
  });

  it('picks again from the seats it read, minus the ones the cancellation named, without reading the section again', async () => {
    const first = (await selectSeats(eventId, head as never, request))!;
    expect(reads.count).toBe(1);
    const again = await repickSeats(eventId, head as never, request, first, first.refs, 1);
    expect(reads.count).toBe(1);
    const lost = new Set(first.refs.map((r) => r.seatGuid));
    expect(again.refs).toHaveLength(2);
    expect(again.refs.some((r) => lost.has(r.seatGuid))).toBe(false);
    expect(again.items).toEqual([{ ticketTypeId: 'TT', quantity: 2 }]);
  });

  it('reads the section again only when what it read holds no block any more, and refuses on that read', async () => {
    reads.seats = [seat(1), seat(2), seat(3, 'held'), seat(4, 'held')];
    const first = (await selectSeats(eventId, head as never, request))!;
    expect(first.refs.map((r) => r.seatGuid)).toEqual(['s1-1-1', 's1-1-2']);
    reads.seats = [seat(1, 'held'), seat(2, 'held'), seat(3, 'held'), seat(4, 'held')];
    await expect(repickSeats(eventId, head as never, request, first, first.refs, 1)).rejects.toMatchObject({ code: 'sold_out' });
    expect(reads.count).toBe(2);
  });
});
