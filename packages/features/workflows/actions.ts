import type { EntityItem } from 'electrodb';
import type { workflowRunEntity } from '#packages/core/db/entities/workflow-run.ts';
import { createTask } from '#packages/features/activities/index.ts';
import { updateContact } from '#packages/features/contacts/index.ts';
import { sendWorkflowMessage } from '#packages/features/webhooks/index.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { holds, type Facts } from './conditions.ts';
import type { WorkflowStepValue } from './contract.ts';
import { fill } from './facts.ts';
import { localTimeOn, validTimeZone } from './local-time.ts';

export type RunItem = EntityItem<typeof workflowRunEntity>;

export type StepOutcome =
  | { kind: 'done' | 'skipped'; result: string }
  | { kind: 'wait'; until: string; result: string }
  | { kind: 'goto'; index: number; result: string }
  | { kind: 'exit'; result: string };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The time a wait step ends: a duration, a time, or a local time relative to the event's start or to today. */
export function waitUntil(step: Extract<WorkflowStepValue, { type: 'wait' }>, facts: Facts, now: number): number {
  const tz = validTimeZone(typeof facts.event.timezone === 'string' ? facts.event.timezone : undefined);
  if (step.seconds !== undefined) return now + step.seconds * 1000;
  if (step.until !== undefined) return Date.parse(step.until);
  if (step.beforeEventStart && typeof facts.event.startsAt === 'string') {
    return localTimeOn(Date.parse(facts.event.startsAt), -step.beforeEventStart.days, step.beforeEventStart.at, tz);
  }
  if (step.nextDayAt) return localTimeOn(now, 1, step.nextDayAt, tz);
  return now;
}

/**
 * One step's effect. Called once per run and step (the step item is claimed
 * first); the events it causes carry the run's depth + 1.
 */
export async function perform(step: WorkflowStepValue, run: RunItem, facts: Facts, now: number): Promise<StepOutcome> {
  const ctx: RequestContext = { actorId: `workflow:${run.workflowId}`, correlationId: run.runId, depth: run.depth + 1 };
  const contact = facts.contact;
  switch (step.type) {
    case 'update_contact': {
      const contactId = typeof contact?.id === 'string' ? contact.id : null;
      if (!contact || !contactId) return { kind: 'skipped', result: 'no contact' };
      const before = (contact.tags as string[]) ?? [];
      const tags = step.addTags || step.removeTags ? [...new Set([...before, ...(step.addTags ?? [])])].filter((t) => !(step.removeTags ?? []).includes(t)) : undefined;
      await updateContact(contactId, { ...step.set, ...(tags ? { tags } : {}) }, ctx);
      return { kind: 'done', result: 'contact updated' };
    }
    case 'create_task': {
      const task = await createTask(
        {
          title: fill(step.title, facts).slice(0, 200),
          ...(step.description ? { description: fill(step.description, facts) } : {}),
          assignedTo: step.assignedTo,
          dueAt: new Date(now + step.dueInHours * 3600_000).toISOString(),
          ...(typeof contact?.id === 'string' ? { contactId: contact.id } : {}),
        },
        ctx,
      );
      return { kind: 'done', result: `task ${task.id}` };
    }
    case 'send_email': {
      if (!contact) return { kind: 'skipped', result: 'no contact' };
      // A contact known by phone only is never mailed.
      if (typeof contact.email !== 'string') return { kind: 'skipped', result: 'no email' };
      if (step.marketing && contact.marketingConsent !== true) return { kind: 'skipped', result: 'no marketing consent' };
      if (contact.emailStatus === 'invalid') return { kind: 'skipped', result: 'email invalid' };
      const text = fill(step.text, facts);
      await sendEmail({ to: contact.email, subject: fill(step.subject, facts), text, html: `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>` });
      return { kind: 'done', result: 'email sent' };
    }
    case 'call_webhook': {
      const sent = await sendWorkflowMessage(step.endpointId, `${run.runId}_${run.stepIndex}`, 'workflow.step', {
        workflowId: run.workflowId,
        runId: run.runId,
        stepIndex: run.stepIndex,
        contactId: run.contactId,
        event: facts.event,
      });
      return { kind: 'done', result: sent ? 'message queued' : 'message existed' };
    }
    case 'wait': {
      const until = waitUntil(step, facts, now);
      if (until <= now) return { kind: 'done', result: 'time already passed' };
      return { kind: 'wait', until: new Date(until).toISOString(), result: `until ${new Date(until).toISOString()}` };
    }
    case 'branch':
      return holds(step.if, facts) ? { kind: 'goto', index: step.goto, result: `condition held: step ${step.goto}` } : { kind: 'done', result: 'condition did not hold' };
    case 'exit':
      return { kind: 'exit', result: 'exit step' };
  }
}
