// Bundled in place of `@aws-sdk/lib-dynamodb`'s index: the DocumentClient and
// the commands ElectroDB sends (packages/core/db) and our own code sends
// (GetCommand, UpdateCommand, BatchGetCommand, TransactWriteCommand), nothing
// else. ElectroDB is CommonJS and `require()`s the package whole, so esbuild
// cannot tree-shake it: the index brings every command, the aggregated
// `DynamoDBDocument`/`DynamoDB` clients, paginators and waiters, ~45 KB
// minified that every function parsed and ran. Only Lambda bundles use this
// (infra/bundling.ts); tests and the local runner import the real package.
// A name missing here fails the bundle (esbuild: "No matching export"), not a
// request.
//
// Paths are relative (to the repo's node_modules), not `@aws-sdk/lib-dynamodb/…`,
// which the alias would send back here.
import { DynamoDBDocumentClient } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/DynamoDBDocumentClient.js';
import { BatchGetCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/BatchGetCommand.js';
import { BatchWriteCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/BatchWriteCommand.js';
import { DeleteCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/DeleteCommand.js';
import { GetCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/GetCommand.js';
import { PutCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/PutCommand.js';
import { QueryCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/QueryCommand.js';
import { ScanCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/ScanCommand.js';
import { TransactGetCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/TransactGetCommand.js';
import { TransactWriteCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/TransactWriteCommand.js';
import { UpdateCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/UpdateCommand.js';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export { DynamoDBDocumentClient, BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactGetCommand, TransactWriteCommand, UpdateCommand };

// ElectroDB's side file (beside index.mjs, loaded on the first db() call:
// infra/stubs/electrodb.cjs) requires the DocumentClient package; it gets these
// same classes (infra/stubs/electrodb-sdk.cjs), not a second SDK. Set here, in
// a module the bundle's ES code imports, so no require() of an ES module
// (which would make esbuild wrap the SDK's modules whole, un-tree-shaken).
globalThis[Symbol.for('eventos.electrodb.sdk')] = { DynamoDBDocumentClient, BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactGetCommand, TransactWriteCommand, UpdateCommand, unmarshall };
