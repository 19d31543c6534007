import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atExpression, scheduleNameOf, scheduleWakeUp, useLocalWakeUps, type WakeUp } from '#packages/core/wake-ups/wake-ups.ts';

const scheduler = mockClient(SchedulerClient);
const wake: WakeUp = { kind: 'workflow-run', id: '01JD0000000000000000000001_01JD0000000000000000000002', at: '2099-12-07T08:00:00.250Z' };
const deployed = { WAKE_SCHEDULE_GROUP: 'eventos-acme-wake-ups', WAKE_ROLE_ARN: 'arn:aws:iam::123456789012:role/wake', WAKE_TARGET_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:eventos-acme-wake-up' };

describe('wake-ups', () => {
  beforeEach(() => scheduler.reset());
  afterEach(() => {
    for (const key of Object.keys(deployed)) delete process.env[key];
    useLocalWakeUps(null);
  });

  it('deployed: a one-shot at(...) schedule in the tenant group, deleted after it runs, invoking the wake-up target with the item', async () => {
    Object.assign(process.env, deployed);
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await scheduleWakeUp(wake);
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    expect(call!.args[0].input).toMatchObject({
      GroupName: 'eventos-acme-wake-ups',
      Name: scheduleNameOf(wake),
      ScheduleExpression: 'at(2099-12-07T08:00:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: deployed.WAKE_TARGET_ARN, RoleArn: deployed.WAKE_ROLE_ARN, Input: JSON.stringify({ wake: { kind: 'workflow-run', id: wake.id } }) },
    });
    expect(scheduleNameOf(wake)).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
  });

  it('the same wake-up twice (a retried step) is one schedule: the name is stable and a conflict is not an error', async () => {
    Object.assign(process.env, deployed);
    scheduler.on(CreateScheduleCommand).resolvesOnce({ ScheduleArn: 'arn' }).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await scheduleWakeUp(wake);
    await expect(scheduleWakeUp(wake)).resolves.toBeUndefined();
    const names = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input.Name);
    expect(new Set(names).size).toBe(1);
    expect(scheduleNameOf({ ...wake, at: '2099-12-07T09:00:00.000Z' })).not.toBe(names[0]);
  });

  it('a Scheduler fault does not fail the caller (the due sweep is the safety net)', async () => {
    Object.assign(process.env, deployed);
    scheduler.on(CreateScheduleCommand).rejects(new Error('ThrottlingException'));
    await expect(scheduleWakeUp(wake)).resolves.toBeUndefined();
  });

  it('locally: handed to the local runner, no AWS call', async () => {
    const seen: WakeUp[] = [];
    useLocalWakeUps((w) => seen.push(w));
    await scheduleWakeUp(wake);
    expect(seen).toEqual([wake]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('at(...) never fires early (rounded up to the second) and is never in the past', () => {
    const before = Date.parse('2026-12-01T00:00:00Z');
    expect(atExpression('2026-12-07T08:00:00.000Z', before)).toBe('at(2026-12-07T08:00:00)');
    expect(atExpression('2026-12-07T08:00:00.001Z', before)).toBe('at(2026-12-07T08:00:01)');
    expect(atExpression('2026-12-07T08:00:00.000Z', Date.parse('2026-12-07T08:00:30.500Z'))).toBe('at(2026-12-07T08:00:33)');
  });
});
