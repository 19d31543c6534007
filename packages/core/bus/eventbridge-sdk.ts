/**
 * What the product uses of the EventBridge SDK, for `import()` (bus/publish.ts):
 * a dynamic import keeps every export of its target, so naming these here
 * keeps the rest of the client's commands out of the Lambda bundle's chunk.
 */
export { DescribeEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
