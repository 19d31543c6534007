import { schedules as defaultSchedules, type Schedule } from '#events/schedules.ts';
import { jobGroupDispatcher, type JobGroupLambda, type JobLambda, type JobTick } from '#packages/core/bus/job-group.ts';
import { useLocalWakeUps } from '#packages/core/wake-ups/wake-ups.ts';

type JobHandler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * Runs each periodic job on a timer of its own, as its EventBridge rule does
 * when deployed, through its group's dispatcher (packages/core/bus/job-group.ts)
 * with the same `{ job }` tick the rule sends.
 */
export function startLocalScheduler(schedules: Schedule[] = defaultSchedules, onError: (name: string, e: unknown) => void = () => {}) {
  const dispatchers = new Map<string, JobGroupLambda>();
  for (const schedule of schedules) {
    const group = schedule.group ?? schedule.name;
    if (dispatchers.has(group)) continue;
    const members = schedules
      .filter((s) => (s.group ?? s.name) === group)
      .map((s) => ({
        job: s.name,
        load: async () =>
          ((await import(new URL(`../../functions/jobs/${s.handler}.ts`, import.meta.url).href)) as { handler: JobLambda }).handler,
      }));
    dispatchers.set(group, jobGroupDispatcher(group, members));
  }
  const timers = schedules.map((schedule) =>
    setInterval(async () => {
      try {
        const tick: JobTick = { job: schedule.name };
        await dispatchers.get(schedule.group ?? schedule.name)!(tick, {});
      } catch (error) {
        onError(schedule.name, error);
      }
    }, (schedule.localRateSeconds ?? schedule.rateMinutes * 60) * 1000),
  );
  return {
    jobs: schedules.map((s) => s.name),
    stop: () => timers.forEach((t) => clearInterval(t)),
  };
}

/** setTimeout's longest delay (~24.8 days); a wake-up further out is left to the due jobs' sweeps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The local stand-in for EventBridge Scheduler's one-shot schedules: each
 * wake-up (packages/core/wake-ups) becomes a timer that invokes the wake-up
 * function at its time, as the deployed schedule would.
 */
export function startLocalWakeUps(onError: (e: unknown) => void = () => {}) {
  const timers = new Set<NodeJS.Timeout>();
  useLocalWakeUps((wake) => {
    const delay = Math.max(0, Date.parse(wake.at) - Date.now());
    if (delay > MAX_TIMER_MS) return;
    const timer = setTimeout(async () => {
      timers.delete(timer);
      try {
        const { handler } = (await import(new URL('../../functions/jobs/wake-up.ts', import.meta.url).href)) as { handler: JobHandler };
        await handler({ wake: { kind: wake.kind, id: wake.id } }, {});
      } catch (error) {
        onError(error);
      }
    }, delay);
    timer.unref();
    timers.add(timer);
  });
  return {
    stop: () => {
      useLocalWakeUps(null);
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
    },
  };
}
