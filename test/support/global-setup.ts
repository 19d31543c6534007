import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#packages/local/dynamodb-local.ts';
import { startSesLocal } from '#packages/local/ses-local.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}

/** One DynamoDB Local and one SES emulator for the whole run; each test file gets its own table. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal(await freePort(), null);
  const ses = await startSesLocal(0);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.url);
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
