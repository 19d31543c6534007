import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { localDynamoClient } from '#packages/local/dynamodb-local.ts';
import { ensureTable } from '#packages/local/table-setup.ts';

// Runs before each test file's imports: the SDK clients those imports build read these.
const endpoint = inject('dynamoEndpoint');
process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
process.env.AWS_ENDPOINT_URL_SESV2 = inject('sesEndpoint');
process.env.TABLE_NAME = `test_${randomBytes(6).toString('hex')}`;
process.env.EVENT_BUS_NAME = 'eventos-test';
// DynamoDB Local shares two cores with the test workers and one process serves each rush test's
// hundreds of requests: stretch the deployed timeouts (packages/core/dependencies/timeouts.ts) so a
// slow answer is not taken for a dead dependency. The fault tests set 1 for themselves.
process.env.DEPENDENCY_TIMEOUT_SCALE ??= '8';

const client = localDynamoClient(endpoint);
await ensureTable(client, process.env.TABLE_NAME);
client.destroy();
