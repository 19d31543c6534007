import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestAvailable, blocksOf, spreadCandidates, strandedBy, type CandidateSeat } from '#packages/features/seating/best-available.ts';

const STATES = ['free', 'free', 'free', 'held', 'sold', 'blocked'] as const;

/** A section of 1–4 rows of 1–14 seats, each free or taken, some of another category. */
const sectionArb = fc
  .array(fc.array(fc.record({ state: fc.constantFrom(...STATES), other: fc.boolean() }), { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 4 })
  .map((rows) =>
    rows.flatMap((row, r) =>
      row.map(
        ({ state, other }, n): CandidateSeat => ({
          seatGuid: `r${r}-${n}`,
          sectionId: 's',
          row: String(r),
          rank: n,
          x: n * 10,
          y: r * 10,
          category: other && n % 5 === 0 ? 'Balcony' : 'Stalls',
          state,
        }),
      ),
    ),
  );

const requestArb = fc.record({
  quantity: fc.integer({ min: 1, max: 6 }),
  focal: fc.record({ x: fc.integer({ min: -50, max: 200 }), y: fc.integer({ min: -50, max: 100 }) }),
  spread: fc.integer({ min: 1, max: 4 }),
  seed: fc.double({ min: 0, max: 0.999, noNaN: true }),
});

describe('best available', () => {
  it('never leaves a single seat stranded when a choice without one exists (property)', () => {
    fc.assert(
      fc.property(sectionArb, requestArb, (seats, { quantity, focal, spread, seed }) => {
        const chosen = bestAvailable(seats, { category: 'Stalls', quantity, together: 'required', focalPoint: focal, spread, random: () => seed });
        const blocks = blocksOf(seats, 'Stalls', quantity, focal);
        if (!blocks.length) {
          expect(chosen).toBeNull();
          return;
        }
        expect(chosen).not.toBeNull();
        // Adjacent, one row, all free and of the category.
        expect(new Set(chosen!.map((s) => s.row)).size).toBe(1);
        chosen!.forEach((s, i) => {
          expect(s.state).toBe('free');
          expect(s.category).toBe('Stalls');
          if (i) expect(s.rank).toBe(chosen![i - 1]!.rank + 1);
        });
        // Counted on the row as it would be afterwards, independently of how the choice was made.
        const cleanExists = blocks.some((b) => strandedBy(b.seats, seats, 'Stalls') === 0);
        if (cleanExists) expect(strandedBy(chosen!, seats, 'Stalls')).toBe(0);
      }),
      { numRuns: 2000, seed: 1302 },
    );
  });

  it('concurrent buyers choosing among the spread candidates of one view strand no seat, whichever of them win (property)', () => {
    fc.assert(
      fc.property(sectionArb, requestArb, fc.integer({ min: 2, max: 8 }), fc.infiniteStream(fc.boolean()), (seats, { quantity, focal }, spread, wins) => {
        const q = Math.max(2, quantity);
        const clean = blocksOf(seats, 'Stalls', q, focal)
          .filter((b) => b.strands === 0)
          .sort((a, b) => a.distance - b.distance);
        if (!clean.length) return;
        const candidates = spreadCandidates(clean, q, spread);
        expect(candidates[0]).toBe(clean[0]);
        expect(candidates.length).toBeLessThanOrEqual(spread);
        const won = candidates.filter(() => wins.next().value);
        const taken = won.flatMap((b) => b.seats);
        expect(new Set(taken.map((s) => s.seatGuid)).size).toBe(taken.length);
        expect(strandedBy(taken, seats, 'Stalls')).toBe(0);
      }),
      { numRuns: 2000, seed: 1313 },
    );
  });

  it('with spread 1 takes the clean block nearest the focal point', () => {
    fc.assert(
      fc.property(sectionArb, requestArb, (seats, { quantity, focal }) => {
        const chosen = bestAvailable(seats, { category: 'Stalls', quantity, together: 'required', focalPoint: focal });
        const clean = blocksOf(seats, 'Stalls', quantity, focal).filter((b) => b.strands === 0);
        if (chosen && clean.length) expect(Math.min(...clean.map((b) => b.distance))).toBeCloseTo(clean.find((b) => b.seats[0] === chosen[0])!.distance);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('together preferred falls back to the nearest free seats; required answers null', () => {
    const seats: CandidateSeat[] = ['free', 'sold', 'free', 'sold', 'free'].map((state, n) => ({
      seatGuid: `a${n}`, sectionId: 's', row: 'A', rank: n, x: n, y: 0, category: 'Stalls', state: state as CandidateSeat['state'],
    }));
    expect(bestAvailable(seats, { category: 'Stalls', quantity: 2, together: 'required', focalPoint: { x: 4, y: 0 } })).toBeNull();
    expect(bestAvailable(seats, { category: 'Stalls', quantity: 2, together: 'preferred', focalPoint: { x: 4, y: 0 } })!.map((s) => s.seatGuid)).toEqual(['a4', 'a2']);
    expect(bestAvailable(seats, { category: 'Stalls', quantity: 4, together: 'preferred', focalPoint: { x: 4, y: 0 } })).toBeNull();
  });
});
