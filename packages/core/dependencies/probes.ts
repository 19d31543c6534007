import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { eventBridgeClient, eventBridgeSdk } from '../bus/publish.ts';
import { documentClient, tableName } from '../db/client.ts';
import { tableDefinition } from '../db/table-definition.ts';
import { boundedClient, dependencyClientConfig } from './client-config.ts';
import { isDependencyFault } from './faults.ts';
import { checkReadiness, type DependencyProbe, type Readiness } from './readiness.ts';
import { currentTimeouts } from './timeouts.ts';

/** A key no entity uses: the read costs half a capacity unit and finds nothing. */
const READINESS_KEY = { [tableDefinition.partitionKey]: '$readiness', [tableDefinition.sortKey]: '$readiness' };

let ses: SESv2Client | undefined;

/**
 * The readiness checks of `GET /health/ready`, each one cheap call through
 * the same clients (and so the same timeouts) the product uses:
 * - DynamoDB: GetItem on a fixed key of the tenant table (no Scan, no DescribeTable grant);
 * - EventBridge: DescribeEventBus on the tenant bus;
 * - SES: GetAccount. Any answer from SES counts, a refusal included: the
 *   local emulator refuses GetAccount unless given an account, and what we
 *   ask here is whether SES answers, not what it says.
 */
export const dependencyProbes: readonly DependencyProbe[] = [
  {
    name: 'dynamodb',
    check: async () => {
      await documentClient.send(new GetCommand({ TableName: tableName(), Key: READINESS_KEY }));
    },
  },
  {
    name: 'eventbridge',
    check: async () => {
      const { DescribeEventBusCommand } = await eventBridgeSdk();
      await (await eventBridgeClient()).send(new DescribeEventBusCommand({ Name: process.env.EVENT_BUS_NAME ?? 'default' }));
    },
  },
  {
    name: 'ses',
    check: async () => {
      // The SES SDK loaded by the first probe (a chunk of its own in a Lambda bundle), not at import.
      const { GetAccountCommand, SESv2Client } = await import('./ses-sdk.ts');
      ses ??= boundedClient(new SESv2Client(dependencyClientConfig()));
      try {
        await ses.send(new GetAccountCommand({}));
      } catch (error) {
        if (isDependencyFault(error)) throw error;
      }
    },
  },
];

/** Checks every dependency, each bounded by one attempt's request timeout. */
export const probeDependencies = (): Promise<Readiness> => checkReadiness(dependencyProbes, currentTimeouts().requestTimeoutMs);
