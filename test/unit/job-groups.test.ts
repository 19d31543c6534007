import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schedules, type Schedule } from '#events/schedules.ts';
import { jobEntryFile } from '#infra/job-entries.ts';
import { jobGroups } from '#infra/job-layout.ts';
import { jobGroupDispatcher } from '#packages/core/bus/job-group.ts';

describe('job groups: one function per group of scheduled jobs', () => {
  it('puts every job in exactly one group, with the union of their grants and the shortest period, freeing at least 8 functions', () => {
    const groups = jobGroups(schedules);
    expect(groups.flatMap((g) => g.members.map((m) => m.name)).sort()).toEqual(schedules.map((s) => s.name).sort());
    expect(groups.length).toBeLessThanOrEqual(schedules.length - 8);
    for (const group of groups) {
      expect(group.secrets).toEqual([...new Set(group.members.flatMap((m) => m.secrets ?? []))].sort());
      expect(group.minRateMinutes).toBe(Math.min(...group.members.map((m) => m.rateMinutes)));
      // A secret goes only to a group whose every job names it: no job runs beside a key it does not need.
      for (const secret of group.secrets) {
        for (const member of group.members) expect(member.secrets ?? [], `${group.name}/${member.name}`).toContain(secret);
      }
    }
    expect(groups.find((g) => g.members.some((m) => m.name === 'audit-seal'))!.members.map((m) => m.name)).toEqual(['audit-seal']);
    expect(groups.find((g) => g.name === 'sweeps')!.members.every((m) => m.rateMinutes <= 5)).toBe(true);
    expect(groups.find((g) => g.name === 'hourly')!.members.every((m) => m.rateMinutes >= 60)).toBe(true);
  });

  it('gives a job without a group a function of its own, named after it', () => {
    const lone: Schedule = { name: 'lone', handler: 'lone', rateMinutes: 10, files: 'read' };
    expect(jobGroups([lone])).toEqual([{ name: 'lone', members: [lone], secrets: [], files: 'read', minRateMinutes: 10 }]);
    const pair: Schedule[] = [
      { name: 'a', handler: 'a', group: 'g', rateMinutes: 1, files: 'read' },
      { name: 'b', handler: 'b', group: 'g', rateMinutes: 60, files: 'write' },
    ];
    expect(jobGroups(pair)).toEqual([{ name: 'g', members: pair, secrets: [], files: 'write', minRateMinutes: 1 }]);
  });

  it('runs the one job a tick names, loading it once; a tick naming no job of the group throws', async () => {
    const calls: string[] = [];
    const loads: string[] = [];
    const member = (job: string) => ({
      job,
      load: async () => {
        loads.push(job);
        return async (event: unknown) => (calls.push(`${job}:${JSON.stringify(event)}`), { ran: job });
      },
    });
    const dispatch = jobGroupDispatcher('sweeps', [member('a'), member('b')]);
    await expect(dispatch({ job: 'b' })).resolves.toEqual({ ran: 'b' });
    await dispatch({ job: 'b' });
    expect(calls).toEqual(['b:{"job":"b"}', 'b:{"job":"b"}']);
    expect(loads).toEqual(['b']);
    await expect(dispatch({ job: 'c' })).rejects.toThrow('job group sweeps: no job "c" (it runs a, b)');
    await expect(dispatch({ source: 'aws.events' })).rejects.toThrow('job group sweeps: no job undefined');
    expect(calls).toHaveLength(2);
  });

  it('tries a failed load again on the next tick', async () => {
    let attempts = 0;
    const dispatch = jobGroupDispatcher('g', [
      {
        job: 'a',
        load: async () => {
          attempts++;
          if (attempts === 1) throw new Error('chunk unreadable');
          return async () => 'ok';
        },
      },
    ]);
    await expect(dispatch({ job: 'a' })).rejects.toThrow('chunk unreadable');
    await expect(dispatch({ job: 'a' })).resolves.toBe('ok');
    expect(attempts).toBe(2);
  });

  it('generates a group’s entry whose loaders are its jobs’ own handler exports; a lone job deploys its own file', async () => {
    for (const group of jobGroups(schedules).filter((g) => g.members.length > 1)) {
      const file = jobEntryFile(group);
      const source = readFileSync(file, 'utf8');
      for (const member of group.members) {
        expect(source).toMatch(new RegExp(`job: "${member.name}", load: \\(\\) => import\\("[./]*functions/jobs/${member.handler}\\.ts"\\)\\.then\\(\\(m\\) => m\\.handler\\)`));
      }
      const { handler } = (await import(file)) as { handler: ReturnType<typeof jobGroupDispatcher> };
      expect(Object.keys(handler.members).sort()).toEqual(group.members.map((m) => m.name).sort());
      for (const member of group.members) {
        const own = (await import(`../../functions/jobs/${member.handler}.ts`)) as { handler: unknown };
        expect(await handler.members[member.name]!(), member.name).toBe(own.handler);
      }
    }
    const audit = jobGroups(schedules).find((g) => g.name === 'audit-seal')!;
    expect(jobEntryFile(audit).endsWith('functions/jobs/audit-seal.ts')).toBe(true);
  });
});
