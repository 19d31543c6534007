import type { Context } from 'aws-lambda';

export type JobLambda = (event: unknown, context?: Partial<Context>) => Promise<unknown>;

/** What each job's EventBridge rule sends its group's function (infra/constructs/job-group-worker.ts), and the local scheduler too. */
export interface JobTick {
  job: string;
}

export interface JobGroupMember {
  job: string;
  /**
   * Loads the job's own handler export (functions/jobs/<handler>.ts), a
   * dynamic `import()`: a cold instance loads only the job its tick names.
   */
  load: () => Promise<JobLambda>;
}

export interface JobGroupLambda extends JobLambda {
  /** Job name → the loader of its handler export (what the bench times on a cold instance). */
  readonly members: Readonly<Record<string, JobGroupMember['load']>>;
}

/**
 * The Lambda handler of a job group (infra/job-layout.ts): every job of the
 * group has a rule of its own whose input names the job; this runs that job
 * alone. A tick naming no job of the group throws, so it lands in the group's
 * dead-letter queue instead of passing unnoticed.
 */
export function jobGroupDispatcher(group: string, members: readonly JobGroupMember[]): JobGroupLambda {
  const byJob = new Map(members.map((m) => [m.job, m]));
  const loaded = new Map<string, Promise<JobLambda>>();
  const handlerOf = (member: JobGroupMember) => {
    let handler = loaded.get(member.job);
    if (!handler) {
      handler = member.load();
      loaded.set(member.job, handler);
      // A load that failed is tried again on the next tick, not cached.
      handler.catch(() => loaded.delete(member.job));
    }
    return handler;
  };
  const dispatch: JobLambda = async (event, context) => {
    const job = (event as Partial<JobTick> | undefined)?.job;
    const member = typeof job === 'string' ? byJob.get(job) : undefined;
    if (!member) throw new Error(`job group ${group}: no job ${JSON.stringify(job)} (it runs ${[...byJob.keys()].join(', ')})`);
    return (await handlerOf(member))(event, context);
  };
  return Object.assign(dispatch, { members: Object.freeze(Object.fromEntries(members.map((m) => [m.job, m.load]))) });
}
