import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The smallest useful DynamoDB Lambda: a DocumentClient and one GetCommand.
 * Its size and import time are the floor every data-touching handler pays.
 */
const source = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) =>
  client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.id, sk: event.id } }));
`;

/** Writes the entry inside the repo so esbuild resolves the project's node_modules. */
export function writeReferenceEntry(tmpDir: string): string {
  const dir = join(tmpDir, 'reference');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dynamodb-get.mjs');
  writeFileSync(file, source);
  return file;
}
