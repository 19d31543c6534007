import { DIMENSIONS, FILTER_DIMENSIONS, INTERVALS, type Dimension, type Dimensions, type FilterDimension, type Interval } from './metrics.ts';

/** The dimension value of a series that is not grouped. */
export const UNGROUPED = '-';

/**
 * The name of a series: metric family (familyOf) × interval × an optional filter (one of
 * FILTER_DIMENSIONS = its value) × an optional grouped dimension. Values are
 * ids or UTM words; `|` and `=` are kept out of them by the writers (cleanDimensions).
 */
export function seriesName(family: string, interval: Interval, filter?: { dimension: FilterDimension; value: string }, groupBy?: Dimension): string {
  const scope = filter ? `${filter.dimension}=${filter.value}` : '*';
  return `${family}|${interval}|${scope}|${groupBy ?? UNGROUPED}`;
}

export interface SeriesTarget {
  series: string;
  interval: Interval;
  dimValue: string;
}

/**
 * Every series one point adds to, per interval: the total, one per dimension
 * it carries (grouped by it), and for each filter dimension it carries, that
 * value's total and its groupings by the other dimensions: at most
 * 3 × (1 + 9 + 2 × 9) = 84 per point (record-points.ts merges those of one
 * source event and splits them into transactions of 100).
 */
export function seriesOf(family: string, dims: Dimensions): SeriesTarget[] {
  const present = DIMENSIONS.filter((d) => dims[d] !== undefined);
  const targets: SeriesTarget[] = [];
  for (const interval of INTERVALS) {
    targets.push({ series: seriesName(family, interval), interval, dimValue: UNGROUPED });
    for (const d of present) targets.push({ series: seriesName(family, interval, undefined, d), interval, dimValue: dims[d]! });
    for (const f of FILTER_DIMENSIONS) {
      const value = dims[f];
      if (value === undefined) continue;
      const filter = { dimension: f, value };
      targets.push({ series: seriesName(family, interval, filter), interval, dimValue: UNGROUPED });
      for (const d of present) {
        if (d !== f) targets.push({ series: seriesName(family, interval, filter, d), interval, dimValue: dims[d]! });
      }
    }
  }
  return targets;
}

/** Dimension values as stored: trimmed, at most 100 characters, without the series separators; empty ones dropped. */
export function cleanDimensions(dims: Dimensions): Dimensions {
  const out: Dimensions = {};
  for (const d of DIMENSIONS) {
    const v = dims[d]?.trim().replace(/[|=#]/g, '_').slice(0, 100);
    if (v) out[d] = v;
  }
  return out;
}
