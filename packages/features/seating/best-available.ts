/** What best available needs of a seat: where it is, its row, its place in the row, and whether it can be sold. */
export interface CandidateSeat {
  seatGuid: string;
  sectionId: string;
  row: string;
  rank: number;
  x: number;
  y: number;
  category: string;
  state: 'free' | 'held' | 'sold' | 'blocked';
}

export interface BestAvailableRequest {
  category: string;
  quantity: number;
  together: 'required' | 'preferred';
  focalPoint: { x: number; y: number };
  /**
   * How many blocks to choose among at random (1 = always the best): the
   * best and the next nearest ones that neither overlap it nor each other
   * nor leave a gap between them a block cannot fill (spreadCandidates), so
   * a crowd asking at once takes different seats instead of colliding on
   * the same ones, and whichever of them win strand no seat between them.
   */
  spread?: number;
  random?: () => number;
}

/** A block of adjacent seats in one row, and the single seats it would leave stranded beside it. */
export interface Block {
  seats: CandidateSeat[];
  strands: number;
  distance: number;
  /** Free places of the run on each side of the block, and the run's first seat (which run it lies in). */
  left: number;
  right: number;
  run: string;
}

const sellable = (seat: CandidateSeat, category: string) => seat.state === 'free' && seat.category === category;

/** The rows of the candidate seats (same section and row label), each ordered by place. */
export function rowsOf(seats: readonly CandidateSeat[]): CandidateSeat[][] {
  const rows = new Map<string, CandidateSeat[]>();
  for (const seat of seats) {
    const key = `${seat.sectionId}\u0000${seat.row}`;
    rows.set(key, [...(rows.get(key) ?? []), seat]);
  }
  return [...rows.values()].map((row) => row.sort((a, b) => a.rank - b.rank));
}

/**
 * Runs of sellable seats: consecutive places in a row, every one free and of
 * the category. A gap in the places (a seat missing from the map) or any
 * other seat ends a run.
 */
export function runsOf(row: readonly CandidateSeat[], category: string): CandidateSeat[][] {
  const runs: CandidateSeat[][] = [];
  let run: CandidateSeat[] = [];
  for (const seat of row) {
    const adjacent = run.length > 0 && seat.rank === run[run.length - 1]!.rank + 1;
    if (sellable(seat, category) && (adjacent || run.length === 0)) run.push(seat);
    else {
      if (run.length) runs.push(run);
      run = sellable(seat, category) ? [seat] : [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

const distanceTo = (focal: { x: number; y: number }) => (seats: readonly CandidateSeat[]) =>
  seats.reduce((sum, s) => sum + Math.hypot(s.x - focal.x, s.y - focal.y), 0) / seats.length;

/** Every block of `quantity` adjacent sellable seats, with the seats it strands (a run remainder of exactly one). */
export function blocksOf(seats: readonly CandidateSeat[], category: string, quantity: number, focal: { x: number; y: number }): Block[] {
  const distance = distanceTo(focal);
  const blocks: Block[] = [];
  for (const row of rowsOf(seats)) {
    for (const run of runsOf(row, category)) {
      for (let offset = 0; offset + quantity <= run.length; offset++) {
        const left = offset;
        const right = run.length - quantity - offset;
        const chosen = run.slice(offset, offset + quantity);
        blocks.push({ seats: chosen, strands: (left === 1 ? 1 : 0) + (right === 1 ? 1 : 0), distance: distance(chosen), left, right, run: run[0]!.seatGuid });
      }
    }
  }
  return blocks;
}

/**
 * Best available, as seats.io and pretix describe it: `quantity` adjacent
 * seats of the category in one row, nearest the focal point, and never a
 * block that leaves a single seat stranded beside it when a block that does
 * not exists. `together: 'preferred'` falls back to the nearest free seats
 * of the category anywhere when no row has a block; `required` answers null.
 */
export function bestAvailable(seats: readonly CandidateSeat[], request: BestAvailableRequest): CandidateSeat[] | null {
  const { category, quantity, focalPoint } = request;
  const blocks = blocksOf(seats, category, quantity, focalPoint);
  if (blocks.length) {
    const fewestStrands = Math.min(...blocks.map((b) => (b.strands > 0 ? 1 : 0)));
    const allowed = blocks
      .filter((b) => (b.strands > 0 ? 1 : 0) === fewestStrands)
      .sort((a, b) => a.strands - b.strands || a.distance - b.distance || a.seats[0]!.seatGuid.localeCompare(b.seats[0]!.seatGuid));
    const candidates = spreadCandidates(allowed, quantity, request.spread ?? 1);
    return candidates[Math.floor((request.random ?? Math.random)() * candidates.length)]!.seats;
  }
  if (request.together === 'required') return null;
  const distance = distanceTo(focalPoint);
  const free = seats.filter((s) => sellable(s, category)).sort((a, b) => distance([a]) - distance([b]));
  return free.length >= quantity ? free.slice(0, quantity) : null;
}

const firstRank = (b: Block) => b.seats[0]!.rank;

/**
 * Up to `spread` blocks, best first (`allowed` is ordered best first): the
 * best, then the next ones that fit beside those already kept. A block kept
 * after the best sits on the grid of its run's edge (a multiple of
 * `quantity` free places on one side), and in one run of free seats any two
 * kept blocks lie a multiple of `quantity` apart: whichever subset of concurrent
 * buyers wins, the seats left between their blocks still fill whole blocks,
 * never one stranded seat. (Two buyers choosing freely among the nearest
 * blocks, e.g. places 3–4 and 6–7, would strand place 5.)
 */
export function spreadCandidates(allowed: readonly Block[], quantity: number, spread: number): Block[] {
  const kept: Block[] = [allowed[0]!];
  for (const block of allowed.slice(1)) {
    if (kept.length >= spread) break;
    if (block.left % quantity !== 0 && block.right % quantity !== 0) continue;
    const fits = kept.every((other) => {
      if (other.run !== block.run) return true;
      const gap = Math.abs(firstRank(other) - firstRank(block)) - quantity;
      return gap >= 0 && gap % quantity === 0;
    });
    if (fits) kept.push(block);
  }
  return kept;
}

/** Seats of the row left as a run of exactly one next to the chosen ones (what the property test checks). */
export function strandedBy(chosen: readonly CandidateSeat[], seats: readonly CandidateSeat[], category: string): number {
  const taken = new Set(chosen.map((s) => s.seatGuid));
  const before = new Set(rowsOf(seats).flatMap((row) => runsOf(row, category)).filter((r) => r.length === 1).map((r) => r[0]!.seatGuid));
  const after = seats.map((s) => (taken.has(s.seatGuid) ? { ...s, state: 'held' as const } : s));
  return rowsOf(after)
    .flatMap((row) => runsOf(row, category))
    .filter((r) => r.length === 1 && !before.has(r[0]!.seatGuid))
    .length;
}
