import { DIMENSIONS, FILTER_DIMENSIONS, INTERVALS, type Dimension, type Dimensions, type FilterDimension, type Interval } from './metrics.ts';

/** The dimension value of a series that is not grouped. */
export const UNGROUPED = '-';

/**
 * The name of a series: metric × interval × an optional filter (one of
 * FILTER_DIMENSIONS = its value) × an optional grouped dimension. Values are
 * ids or UTM words; `|` and `=` are kept out of them by the writers (cleanDimensions).
 */
export function seriesName(metricKey: string, interval: Interval, filter?: { dimension: FilterDimension; value: string }, groupBy?: Dimension): string {
  const scope = filter ? `${filter.dimension}=${filter.value}` : '*';
  return `${metricKey}|${interval}|${scope}|${groupBy ?? UNGROUPED}`;
}

export interface SeriesTarget {
  series: string;
  interval: Interval;
  dimValue: string;
}

/**
 * Every series one point adds to, per interval: the total, one per dimension
 * it carries (grouped by it), and for each filter dimension it carries, that
 * value's total and its groupings by the other dimensions. At most
 * 3 × (1 + 9 + 2 × 9) = 84 items, within a transaction's 100 with the marker and the raw point.
 */
export function seriesOf(metricKey: string, dims: Dimensions): SeriesTarget[] {
  const present = DIMENSIONS.filter((d) => dims[d] !== undefined);
  const targets: SeriesTarget[] = [];
  for (const interval of INTERVALS) {
    targets.push({ series: seriesName(metricKey, interval), interval, dimValue: UNGROUPED });
    for (const d of present) targets.push({ series: seriesName(metricKey, interval, undefined, d), interval, dimValue: dims[d]! });
    for (const f of FILTER_DIMENSIONS) {
      const value = dims[f];
      if (value === undefined) continue;
      const filter = { dimension: f, value };
      targets.push({ series: seriesName(metricKey, interval, filter), interval, dimValue: UNGROUPED });
      for (const d of present) {
        if (d !== f) targets.push({ series: seriesName(metricKey, interval, filter, d), interval, dimValue: dims[d]! });
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
