import * as z from 'zod/mini';
import { IsoDateTime, ListQuery, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { detailTypes } from '#events/catalog.ts';

/** One test on the run's facts: `path` reads `event.<…>` (the trigger's data, its event and venue) or `contact.<…>`. */
export const ConditionLeaf = z.object({
  path: z.string().check(z.regex(/^(event|contact)(\.[A-Za-z0-9_]+)+$/, 'must start with event. or contact.')),
  op: z.enum(['eq', 'neq', 'contains', 'not_contains', 'exists', 'not_exists', 'gt', 'gte', 'lt', 'lte', 'in']),
  value: z.optional(z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])),
});
const Group = z.union([z.object({ all: z.array(ConditionLeaf).check(z.minLength(1)) }), z.object({ any: z.array(ConditionLeaf).check(z.minLength(1)) })]);
const Node = z.union([ConditionLeaf, Group]);
/** A leaf, or an AND (`all`) / OR (`any`) of leaves and groups (two levels). */
export const Condition = z
  .union([ConditionLeaf, z.object({ all: z.array(Node).check(z.minLength(1)) }), z.object({ any: z.array(Node).check(z.minLength(1)) })])
  .register(z.globalRegistry, { id: 'WorkflowCondition' });

const HhMm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'));
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const WorkflowTrigger = z.union([
  z.object({
    type: z.literal('event'),
    eventType: z.enum(detailTypes as [string, ...string[]]),
    /** `contact.updated` only: start only when one of these contact fields changed. */
    fields: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
    filter: z.optional(Condition),
  }),
  /** Recurring: on these weekdays (every day when absent) at `at` in `timezone`, each member of the segment starts a run. */
  z.object({
    type: z.literal('schedule'),
    days: z.optional(z.array(Weekday).check(z.minLength(1))),
    at: HhMm,
    timezone: z._default(z.string(), 'UTC'),
    segmentId: Ulid,
  }),
  /** A contact entering or leaving a segment (`segment.entered` / `segment.left`). */
  z.object({ type: z.literal('segment'), segmentId: Ulid, on: z.enum(['entered', 'left']) }),
  /** Campaign engagement (`campaign.opened|clicked|bounced|unsubscribed`), of one campaign or any. */
  z.object({ type: z.literal('campaign'), engagement: z.enum(['opened', 'clicked', 'bounced', 'unsubscribed']), campaignId: z.optional(Ulid) }),
  z.object({ type: z.literal('manual') }),
]);

export const WorkflowStep = z.union([
  z.object({
    type: z.literal('update_contact'),
    set: z.optional(z.object({ firstName: z.optional(z.string()), lastName: z.optional(z.string()), leadSource: z.optional(z.string()), marketingConsent: z.optional(z.boolean()) })),
    addTags: z.optional(z.array(z.string().check(z.minLength(1)))),
    removeTags: z.optional(z.array(z.string().check(z.minLength(1)))),
  }),
  z.object({
    type: z.literal('create_task'),
    title: z.string().check(z.minLength(1), z.maxLength(200)),
    description: z.optional(z.string().check(z.maxLength(2000))),
    assignedTo: z.string().check(z.minLength(1)),
    dueInHours: z._default(z.number().check(z.minimum(0)), 24),
  }),
  z.object({
    type: z.literal('send_email'),
    subject: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Plain text; `{{contact.firstName}}`, `{{event.name}}`, `{{event.startsAt}}`… are filled in. */
    text: z.string().check(z.minLength(1), z.maxLength(10_000)),
    /** Marketing mail goes only to contacts with marketing consent. */
    marketing: z._default(z.boolean(), false),
  }),
  z.object({ type: z.literal('call_webhook'), endpointId: Ulid }),
  z.object({
    type: z.literal('wait'),
    seconds: z.optional(z.int().check(z.minimum(1))),
    until: z.optional(IsoDateTime),
    /** Days before the event starts, at this local time in the venue's time zone. */
    beforeEventStart: z.optional(z.object({ days: z.int().check(z.minimum(0)), at: HhMm })),
    /** The next day at this local time (venue's time zone, UTC without one). */
    nextDayAt: z.optional(HhMm),
  }),
  /** When `if` holds, go on at step `goto` (0-based); else with the next one. */
  z.object({ type: z.literal('branch'), if: Condition, goto: z.int().check(z.minimum(0)) }),
  z.object({ type: z.literal('exit') }),
]);

export const ReEnrolment = z.object({
  mode: z.enum(['never', 'after_exit', 'always']),
  /** `always`: at least this long between two starts for one contact. */
  cooldownHours: z.optional(z.number().check(z.minimum(0))),
});

export const WorkflowDefinition = z
  .object({
    trigger: WorkflowTrigger,
    conditions: z.optional(Condition),
    steps: z.array(WorkflowStep).check(z.minLength(1), z.maxLength(50)),
    /** Met at any point (checked before each step, and when the contact changes while a run waits): the run ends. */
    goal: z.optional(Condition),
    reEnrolment: z._default(ReEnrolment, { mode: 'after_exit' }),
  })
  .register(z.globalRegistry, { id: 'WorkflowDefinition' });

export const TemplateName = z.enum(['checked_in_thank_you', 'vip_purchase_task', 'expired_order_reminder', 'event_reminder']);

export const CreateWorkflow = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    /** Either a definition, or a ready-made template with its parameters. */
    definition: z.optional(WorkflowDefinition),
    template: z.optional(TemplateName),
    params: z.optional(z.record(z.string(), z.string())),
    status: z._default(z.enum(['active', 'paused']), 'active'),
  })
  .register(z.globalRegistry, { id: 'CreateWorkflow' });

export const NewWorkflowVersion = z.object({ definition: WorkflowDefinition }).register(z.globalRegistry, { id: 'NewWorkflowVersion' });

export const Workflow = z
  .object({
    id: Ulid,
    name: z.string(),
    status: z.enum(['active', 'paused']),
    currentVersion: z.int(),
    template: z.optional(z.string()),
    /** A schedule trigger's next occurrence. */
    nextFireAt: z.optional(IsoDateTime),
    definition: WorkflowDefinition,
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Workflow' });

export const WorkflowRunStepView = z.object({
  stepIndex: z.int(),
  stepType: z.string(),
  status: z.enum(['started', 'done', 'skipped', 'unknown', 'failed']),
  startedAt: IsoDateTime,
  finishedAt: z.optional(IsoDateTime),
  result: z.optional(z.string()),
});

export const WorkflowRun = z
  .object({
    id: z.string(),
    workflowId: Ulid,
    version: z.int(),
    contactId: z.string(),
    triggerType: z.string(),
    triggerEventId: z.string(),
    depth: z.int(),
    status: z.enum(['running', 'waiting', 'completed', 'exited', 'goal_met', 'depth_exceeded', 'failed']),
    stepIndex: z.int(),
    wakeAt: z.optional(IsoDateTime),
    endedAt: z.optional(IsoDateTime),
    note: z.optional(z.string()),
    steps: z.array(WorkflowRunStepView),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'WorkflowRun' });

export const StartRun = z.object({ contactId: Ulid }).register(z.globalRegistry, { id: 'StartWorkflowRun' });

export const WorkflowTemplate = z
  .object({ name: TemplateName, description: z.string(), params: z.record(z.string(), z.string()), definition: WorkflowDefinition })
  .register(z.globalRegistry, { id: 'WorkflowTemplate' });

export const RunsQuery = ListQuery;

export type ConditionValue = z.infer<typeof Condition>;
export type ConditionLeafValue = z.infer<typeof ConditionLeaf>;
export type WorkflowDefinitionValue = z.infer<typeof WorkflowDefinition>;
export type WorkflowStepValue = z.infer<typeof WorkflowStep>;
export type WorkflowTriggerValue = z.infer<typeof WorkflowTrigger>;
export type CreateWorkflowInput = z.infer<typeof CreateWorkflow>;
export type WorkflowView = z.infer<typeof Workflow>;
export type WorkflowRunView = z.infer<typeof WorkflowRun>;
export type TemplateNameValue = z.infer<typeof TemplateName>;
