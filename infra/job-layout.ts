import type { FilesAccess } from '#packages/core/route.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import type { Schedule } from '#events/schedules.ts';
import { filesAccessOf } from './http-layout.ts';

/**
 * One job function: the jobs of one `group` (events/schedules.ts), each
 * keeping its own EventBridge rule whose input names it, one dead-letter
 * queue, and the union of their grants. One function per group instead of
 * per job keeps a tenant within its function budget as features add jobs; a
 * job without a group is a group of its own, named after it.
 */
export interface JobGroupSpec {
  name: string;
  members: Schedule[];
  secrets: TenantSecret[];
  files: FilesAccess | undefined;
  /** The shortest period of its jobs: Lambda's on-failure settings are the function's, and a failed tick is superseded by the next. */
  minRateMinutes: number;
}

export const jobGroupOf = (schedule: Schedule): string => schedule.group ?? schedule.name;

export function jobGroups(schedules: readonly Schedule[]): JobGroupSpec[] {
  const groups = new Map<string, Schedule[]>();
  for (const schedule of schedules) {
    const name = jobGroupOf(schedule);
    groups.set(name, [...(groups.get(name) ?? []), schedule]);
  }
  return [...groups].map(([name, members]) => ({
    name,
    members,
    secrets: [...new Set(members.flatMap((m) => m.secrets ?? []))].sort(),
    files: filesAccessOf(members.map((m) => m.files)),
    minRateMinutes: Math.min(...members.map((m) => m.rateMinutes)),
  }));
}
