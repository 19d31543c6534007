import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { invalid, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import type { CreateWorkflowInput, TemplateNameValue, WorkflowDefinitionValue, WorkflowRunView, WorkflowView } from './contract.ts';
import { WorkflowDefinition } from './contract.ts';
import { definitionOf, forgetWorkflows, workflowItem, type WorkflowItem } from './definitions.ts';
import { templates } from './templates.ts';
import { scheduleFields } from './schedule-times.ts';
import { validTimeZone } from './local-time.ts';
import type { RunItem } from './actions.ts';
import { NOT_DUE } from '#packages/core/db/entities/workflow-run.ts';

/** What the trigger consumer picks workflows by: the detail type that starts them, or `schedule` / `manual`. */
function triggerKeyOf({ trigger }: WorkflowDefinitionValue): string {
  switch (trigger.type) {
    case 'event':
      return trigger.eventType;
    case 'segment':
      return `segment.${trigger.on}`;
    case 'campaign':
      return `campaign.${trigger.engagement}`;
    default:
      return trigger.type;
  }
}

function checked(definition: WorkflowDefinitionValue): WorkflowDefinitionValue {
  const last = definition.steps.length - 1;
  definition.steps.forEach((step, i) => {
    if (step.type === 'branch' && (step.goto > last || step.goto === i)) throw invalid('invalid_branch', `Step ${i} branches to ${step.goto}, which is not another step`);
    if (step.type === 'wait' && [step.seconds, step.until, step.beforeEventStart, step.nextDayAt].filter((x) => x !== undefined).length !== 1) {
      throw invalid('invalid_wait', `Step ${i}: a wait takes exactly one of seconds, until, beforeEventStart, nextDayAt`);
    }
  });
  if (definition.trigger.type === 'schedule' && validTimeZone(definition.trigger.timezone) !== definition.trigger.timezone) {
    throw invalid('invalid_timezone', `Unknown time zone ${definition.trigger.timezone} (an IANA name such as Europe/Berlin)`);
  }
  if (definition.trigger.type === 'event' && definition.trigger.fields && definition.trigger.eventType !== 'contact.updated') {
    throw invalid('invalid_trigger', 'Only a contact.updated trigger watches fields');
  }
  return definition;
}

async function toView(item: WorkflowItem): Promise<WorkflowView> {
  const { workflowId, triggerKey: _t, fireCursor: _c, ...rest } = item;
  return { id: workflowId, ...rest, definition: await definitionOf(workflowId, item.currentVersion) } as WorkflowView;
}

/** A template's definition with the caller's parameters; a parameter that makes it invalid is a 400. */
function fromTemplate(name: TemplateNameValue, params: Record<string, string>): WorkflowDefinitionValue {
  const parsed = WorkflowDefinition.safeParse(templates[name].build(params));
  if (!parsed.success) {
    throw invalid('invalid_template_params', `These parameters do not make a valid ${name} workflow: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export async function createWorkflow(input: CreateWorkflowInput): Promise<WorkflowView> {
  if (!input.definition === !input.template) throw invalid('definition_or_template', 'Give either a definition or a template');
  const definition = checked(input.definition ?? fromTemplate(input.template!, input.params ?? {}));
  const workflowId = newId();
  const at = nowIso();
  await db()
    .transaction.write(({ workflow, workflowVersion }) => [
      workflow
        .create({
          workflowId,
          name: input.name,
          status: input.status,
          currentVersion: 1,
          triggerKey: triggerKeyOf(definition),
          ...scheduleFields(definition, Date.now()),
          ...(input.template ? { template: input.template } : {}),
        })
        .commit(),
      workflowVersion.create({ workflowId, version: 1, definition: JSON.stringify(definition), createdAt: at }).commit(),
    ])
    .go();
  forgetWorkflows();
  return getWorkflow(workflowId);
}

export async function getWorkflow(id: string): Promise<WorkflowView> {
  const item = await workflowItem(id);
  if (!item) throw notFound('Workflow', id);
  return toView(item);
}

export async function listWorkflows(page: PageRequest): Promise<Page<WorkflowView>> {
  const { data, cursor } = await db().entities.workflow.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: await Promise.all(data.map(toView)), nextCursor: cursor };
}

/** A new version (the old ones stay as they were; runs under way keep theirs). */
export async function newVersion(id: string, definition: WorkflowDefinitionValue): Promise<WorkflowView> {
  checked(definition);
  const current = await workflowItem(id);
  if (!current) throw notFound('Workflow', id);
  const version = current.currentVersion + 1;
  const result = await db()
    .transaction.write(({ workflow, workflowVersion }) => [
      (definition.trigger.type === 'schedule'
        ? workflow.patch({ workflowId: id }).set({ currentVersion: version, triggerKey: 'schedule', ...scheduleFields(definition, Date.now()) }).remove(['fireCursor'])
        : workflow.patch({ workflowId: id }).set({ currentVersion: version, triggerKey: triggerKeyOf(definition) }).remove(['nextFireAt', 'fireCursor'])
      )
        .where((a, op) => op.eq(a.currentVersion, current.currentVersion))
        .commit(),
      workflowVersion.create({ workflowId: id, version, definition: JSON.stringify(definition), createdAt: nowIso() }).commit(),
    ])
    .go();
  if (result.canceled) return newVersion(id, definition);
  forgetWorkflows();
  return getWorkflow(id);
}

export async function setStatus(id: string, status: 'active' | 'paused'): Promise<WorkflowView> {
  try {
    const item = await workflowItem(id);
    if (!item) throw notFound('Workflow', id);
    // A resumed schedule fires at its next occurrence from now, not at those missed while paused.
    const schedule = status === 'active' && item.triggerKey === 'schedule' ? scheduleFields(await definitionOf(id, item.currentVersion), Date.now()) : {};
    const patch = db().entities.workflow.patch({ workflowId: id }).set({ status, ...schedule });
    await (schedule.nextFireAt ? patch.remove(['fireCursor']) : patch).go();
    forgetWorkflows();
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Workflow', id);
    throw error;
  }
  return getWorkflow(id);
}

export async function runViews(runs: (RunItem | null)[]): Promise<WorkflowRunView[]> {
  return Promise.all(
    runs.map(async (run) => {
      const r = run!;
      const { data: steps } = await db().entities.workflowRunStep.query.byRun({ runId: r.runId }).go({ pages: 'all' });
      return {
        id: r.runId,
        workflowId: r.workflowId,
        version: r.version,
        contactId: r.contactId,
        triggerType: r.triggerType,
        triggerEventId: r.triggerEventId,
        depth: r.depth,
        status: r.status,
        stepIndex: r.stepIndex,
        ...(r.wakeAt !== NOT_DUE && r.status === 'waiting' ? { wakeAt: r.wakeAt } : {}),
        ...(r.endedAt ? { endedAt: r.endedAt } : {}),
        ...(r.note ? { note: r.note } : {}),
        steps: steps.map(({ runId: _r, ...s }) => s),
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      } as WorkflowRunView;
    }),
  );
}

/** The workflow's runs, newest first, each with its steps. */
export async function listRuns(id: string, page: PageRequest): Promise<Page<WorkflowRunView>> {
  if (!(await workflowItem(id))) throw notFound('Workflow', id);
  const { data, cursor } = await db()
    .entities.workflowRun.query.byWorkflow({ workflowId: id })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor), order: 'desc' });
  return { items: await runViews(data), nextCursor: cursor };
}

export function listTemplates() {
  return {
    items: Object.entries(templates).map(([name, t]) => ({ name, description: t.description, params: t.params, definition: WorkflowDefinition.parse(t.build({})) })),
  };
}
