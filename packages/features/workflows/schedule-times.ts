import type { WorkflowDefinitionValue, WorkflowTriggerValue } from './contract.ts';
import { localTimeOn } from './local-time.ts';

// Apart from schedule-trigger.ts: saving a definition computes its next
// occurrence, and importing the firing of schedules with it loaded the run
// engine and every action (the webhook sender, the mailer) into each workflow
// route (bench: bundles).

type ScheduleTrigger = Extract<WorkflowTriggerValue, { type: 'schedule' }>;

const weekdayOf = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date(instant)).toLowerCase().slice(0, 3);

/** The first occurrence of the schedule strictly after `after` (a local time on the listed weekdays, DST-aware). */
export function nextOccurrence(trigger: ScheduleTrigger, after: number): number {
  for (let day = 0; day <= 8; day++) {
    const at = localTimeOn(after, day, trigger.at, trigger.timezone);
    if (at > after && (!trigger.days || trigger.days.includes(weekdayOf(at, trigger.timezone) as never))) return at;
  }
  throw new Error('a weekly schedule always has an occurrence within 8 days');
}

/** `nextFireAt` for a workflow item with this definition (absent: not a schedule). */
export function scheduleFields(definition: WorkflowDefinitionValue, now: number): { nextFireAt?: string } {
  return definition.trigger.type === 'schedule' ? { nextFireAt: new Date(nextOccurrence(definition.trigger, now)).toISOString() } : {};
}
