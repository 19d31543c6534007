import type { PublicExhibitorView } from '#packages/features/exhibitors/contract.ts';
import type { ExhibitorChangeView } from './contract.ts';

/** Stored maps come back in any key order: compare with keys sorted, all the way down. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Which exhibitors a release adds, changes (profile or booth) or removes against the one before. */
export function exhibitorChangesBetween(before: readonly PublicExhibitorView[], after: readonly PublicExhibitorView[]): ExhibitorChangeView[] {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Set(after.map((e) => e.id));
  const changes: ExhibitorChangeView[] = [];
  for (const e of after) {
    const was = old.get(e.id);
    if (!was) changes.push({ exhibitorId: e.id, name: e.name, change: 'added' });
    else if (canonical(was) !== canonical(e)) changes.push({ exhibitorId: e.id, name: e.name, change: 'changed' });
  }
  for (const was of before) if (!now.has(was.id)) changes.push({ exhibitorId: was.id, name: was.name, change: 'removed' });
  return changes;
}
