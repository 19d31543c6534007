import { schedules as defaultSchedules, type Schedule } from '#events/schedules.ts';

type JobHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** Runs each periodic job on a timer, as EventBridge schedules do when deployed. */
export function startLocalScheduler(schedules: Schedule[] = defaultSchedules, onError: (name: string, e: unknown) => void = () => {}) {
  const timers = schedules.map((schedule) =>
    setInterval(async () => {
      try {
        const { handler } = (await import(new URL(`../../functions/jobs/${schedule.handler}.ts`, import.meta.url).href)) as {
          handler: JobHandler;
        };
        await handler({ source: 'eventos.scheduler', 'detail-type': 'Scheduled Event', detail: { name: schedule.name } }, {});
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
