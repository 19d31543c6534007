import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TenantStack } from '#infra/tenant-stack.ts';
import { functionsIn, logicalIdIn, reconcileAcknowledgements, resourcesOf, statementsOfFunction, SYNTH_TIMEOUT_MS } from './support/synth.ts';
import { idOf, synthAcme } from './support/acme-stack.ts';

let stack: TenantStack;
let parent: Template;
let all: Template[];

beforeAll(() => {
  ({ stack, parent, all } = synthAcme());
}, SYNTH_TIMEOUT_MS);

const GROUP = 'eventos-acme-wake-ups';
const TARGET = 'eventos-acme-wake-up';

describe('one-shot wake-ups (EventBridge Scheduler)', () => {
  it('has a schedule group of the tenant’s own', () => {
    parent.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    parent.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: GROUP });
  });

  it('gives Scheduler a role it alone may assume, for this account and group, that may only invoke the wake-up function', () => {
    const role = resourcesOf(parent)[idOf(stack.wakeUps!.schedulerRole)]!;
    const trust = (role.Properties!.AssumeRolePolicyDocument as { Statement: any[] }).Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [idOf(stack.wakeUps!.group), 'Arn'] } } },
    });
    const roleId = idOf(stack.wakeUps!.schedulerRole);
    const statements = Object.values(resourcesOf(parent, 'AWS::IAM::Policy'))
      .filter((p) => (p.Properties!.Roles as unknown[]).some((r) => logicalIdIn(r) === roleId))
      .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: any[] }).Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('lambda:InvokeFunction');
    expect(JSON.stringify(statements[0].Resource)).toContain(`:function:${TARGET}`);
    expect(JSON.stringify(statements[0].Resource)).not.toContain('*');
  });

  it('the target is the wake-up function, under its fixed name', () => {
    parent.hasResourceProperties('AWS::Lambda::Function', { FunctionName: TARGET, Description: Match.stringLikeRegexp('^Wake-ups') });
  });

  it('only the functions that advance runs or send deliveries may create schedules: in the group only, passing the role to Scheduler only', () => {
    const schedulers = functionsIn(all).filter(({ fn }) => {
      const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      return vars.WAKE_SCHEDULE_GROUP !== undefined;
    });
    const described = schedulers.map(({ fn }) => String(fn.Properties!.Description));
    // The integrations consumers, the job functions of the two due jobs and of lifetime-value, the webhooks+workflows and analytics HTTP functions, the target.
    expect(described.some((d) => d.startsWith('Consumers webhooks-fan-out'))).toBe(true);
    const wakingJobs = ['workflow-runs-due', 'webhook-deliveries-due', 'lifetime-value'];
    const wakingJobFunctions = new Set(wakingJobs.map((job) => stack.jobs.get(job)!.function));
    const jobSchedulers = described.filter((d) => d.startsWith('Jobs '));
    expect(jobSchedulers).toHaveLength(wakingJobFunctions.size);
    for (const job of wakingJobs) expect(jobSchedulers.some((d) => d.includes(`${job} (`)), job).toBe(true);
    expect(described.some((d) => d.startsWith('Wake-ups'))).toBe(true);
    // A lifetime-value run started by hand (POST /v1/lifetime-value/runs, analytics) is carried on by wake-ups too.
    const integrationsHttp = stack.httpFeatures.filter((f) => f.feature === 'integrations' || f.feature === 'analytics').flatMap((f) => [...f.functions.values()]);
    expect(integrationsHttp.length).toBeGreaterThan(0);
    expect(schedulers).toHaveLength(2 + wakingJobFunctions.size + integrationsHttp.length);

    for (const { template, id, fn } of functionsIn(all)) {
      const statements = statementsOfFunction(template, id);
      const create = statements.filter((s) => s.Action.some((a) => a.startsWith('scheduler:')));
      const pass = statements.filter((s) => s.Action.includes('iam:PassRole'));
      const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      if (vars.WAKE_SCHEDULE_GROUP === undefined) {
        expect(create, `${fn.Properties!.Description}`).toEqual([]);
        expect(pass).toEqual([]);
        continue;
      }
      expect(vars.WAKE_SCHEDULE_GROUP).toBe(GROUP);
      expect(JSON.stringify(vars.WAKE_TARGET_ARN)).toContain(`:function:${TARGET}`);
      expect(create).toHaveLength(1);
      expect(create[0]!.Action).toEqual(['scheduler:CreateSchedule']);
      expect(JSON.stringify(create[0]!.Resource)).toContain(`:schedule/${GROUP}/*`);
      expect(pass).toHaveLength(1);
      expect(pass[0]!.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    }
  });

  it('every cdk-nag finding of the wake-ups is acknowledged, and no acknowledgement is unused', () => {
    const { unacknowledged, unused, acknowledgements } = reconcileAcknowledgements(stack);
    expect(acknowledgements.filter((a) => a.id.includes(`schedule/${GROUP}/*`)).length).toBeGreaterThan(0);
    expect(unacknowledged.filter((f) => /WakeUp|Integrations|workflow-runs-due|webhook-deliveries-due/i.test(f.path))).toEqual([]);
    expect(unused.filter((a) => a.id.includes(`schedule/${GROUP}`))).toEqual([]);
  });
});
