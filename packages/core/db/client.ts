import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One DocumentClient per process. The endpoint comes from the standard
 * AWS_ENDPOINT_URL_DYNAMODB variable, which the local runner and tests set.
 */
export const documentClient = DynamoDBDocumentClient.from(
  // A Lambda serves one request at a time; the local runner serves many in one process.
  new DynamoDBClient({ requestHandler: { httpAgent: { maxSockets: 256 }, httpsAgent: { maxSockets: 256 } } }),
  {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  },
);

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}
