import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundedClient, dependencyClientConfig } from '../dependencies/client-config.ts';
import { guardStartKeys } from './start-key-guard.ts';

/**
 * One DocumentClient per process. The endpoint comes from the standard
 * AWS_ENDPOINT_URL_DYNAMODB variable, which the local runner and tests set.
 * Timeouts, attempts and the request deadline: dependencies/client-config.ts.
 */
export const documentClient = DynamoDBDocumentClient.from(
  boundedClient(new DynamoDBClient(dependencyClientConfig())),
  {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  },
);
guardStartKeys(documentClient);

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}
