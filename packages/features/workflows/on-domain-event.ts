import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { holds } from './conditions.ts';
import { allWorkflows, definitionOf } from './definitions.ts';
import { contactFacts, eventFacts, subjectOf } from './facts.ts';
import { endRun } from './run-engine.ts';
import { startRun } from './start-run.ts';

export interface TriggeringEvent {
  detailType: string;
  metadata: { id: string; depth?: number | undefined };
  data: unknown;
}

/** Ends the contact's waiting runs whose goal the contact now meets. */
async function endRunsAtGoal(contactId: string): Promise<void> {
  const { data: runs } = await db().entities.workflowRun.query.byContact({ contactId }).go({ pages: 'all' });
  const waiting = runs.filter((r) => r.status === 'waiting');
  if (!waiting.length) return;
  for (const run of waiting) {
    const definition = await definitionOf(run.workflowId, run.version);
    if (!definition.goal) continue;
    const event = JSON.parse(run.context) as Record<string, unknown>;
    if (holds(definition.goal, { event, contact: await contactFacts(contactId, event) })) {
      await endRun(run, 'goal_met', 'goal met while waiting', 'waiting');
    }
  }
}

/**
 * A domain event, for workflows: the goal of the contact's waiting runs, then
 * every active workflow this event type triggers whose watched fields, filter
 * and conditions it meets starts a run for the contact (re-enrolment rules
 * apply; depth past 5 is recorded and stops).
 */
export async function onDomainEvent(event: TriggeringEvent): Promise<{ started: number }> {
  const workflows = await allWorkflows();
  // No workflow this event could start or end: nothing read (most events of most tenants).
  if (workflows.length === 0) return { started: 0 };
  const data = (event.data ?? {}) as Record<string, unknown>;
  const contactId = await subjectOf(data);
  if (contactId) await endRunsAtGoal(contactId);

  const active = workflows.filter((w) => w.status === 'active' && w.triggerKey === event.detailType);
  if (!active.length || !contactId) return { started: 0 };
  const known = await eventFacts(data);
  const facts = { event: known, contact: await contactFacts(contactId, known) };
  let started = 0;
  for (const workflow of active) {
    const definition = await definitionOf(workflow.workflowId, workflow.currentVersion);
    const trigger = definition.trigger;
    if (trigger.type === 'segment' && data.segmentId !== trigger.segmentId) continue;
    if (trigger.type === 'campaign' && trigger.campaignId && data.campaignId !== trigger.campaignId) continue;
    if (trigger.type === 'event') {
      // An update of fields the trigger does not watch starts nothing.
      if (trigger.fields && Array.isArray(data.fields) && !trigger.fields.some((f) => (data.fields as string[]).includes(f))) continue;
      if (trigger.filter && !holds(trigger.filter, facts)) continue;
    } else if (trigger.type !== 'segment' && trigger.type !== 'campaign') continue;
    if (definition.conditions && !holds(definition.conditions, facts)) continue;
    const outcome = await startRun({
      workflow,
      definition,
      contactId,
      triggerEventId: event.metadata.id,
      triggerType: event.detailType,
      eventFacts: facts.event,
      depth: event.metadata.depth ?? 0,
    });
    if (outcome === 'started') started++;
    if (outcome === 'depth_exceeded') logger.warn('workflow chain stopped at the depth limit', { workflowId: workflow.workflowId, eventId: event.metadata.id });
  }
  return { started };
}
