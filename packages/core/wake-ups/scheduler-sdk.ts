/**
 * What the product uses of the EventBridge Scheduler SDK, for `import()`
 * (wake-ups.ts): loaded only when a deployed function schedules a wake-up.
 */
export { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
