import { db } from '#packages/core/db/service.ts';
import { invalid, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import type { WorkflowRunView } from './contract.ts';
import { definitionOf, workflowItem } from './definitions.ts';
import { eventFacts } from './facts.ts';
import { startRun } from './start-run.ts';
import { runViews } from './workflow-service.ts';

// Apart from workflow-service.ts: a manual start runs the first steps at
// once, so it loads the run engine and every action (the webhook sender, the
// mailer, contacts, activities); the other workflow routes only read and write
// definitions and would load them all for nothing (bench: bundles).

/** A manual start for one contact (any trigger type); re-enrolment rules apply. */
export async function startManually(id: string, contactId: string): Promise<WorkflowRunView> {
  const workflow = await workflowItem(id);
  if (!workflow) throw notFound('Workflow', id);
  if (workflow.status !== 'active') throw invalid('workflow_paused', 'Resume the workflow before starting runs');
  const { data: contact } = await db().entities.contact.get({ contactId }).go();
  if (!contact) throw notFound('Contact', contactId);
  const triggerEventId = newId();
  const outcome = await startRun({
    workflow,
    definition: await definitionOf(id, workflow.currentVersion),
    contactId,
    triggerEventId,
    triggerType: 'manual',
    eventFacts: await eventFacts({ contactId }),
    depth: 0,
  });
  if (outcome === 'not_enrolled') throw invalid('not_enrolled', 'The contact cannot enter this workflow again now (re-enrolment rules)');
  const { data } = await db().entities.workflowRun.get({ runId: `${triggerEventId}_${id}` }).go();
  return (await runViews([data!]))[0]!;
}
