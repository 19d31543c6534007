/** What other features and the local runner use of webhooks. */
export { whichEndpointSigned } from './verify-delivery.ts';
export { sendWorkflowMessage } from './workflow-message.ts';
