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
export { DynamoDBDocumentClient } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/DynamoDBDocumentClient.js';
export { BatchGetCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/BatchGetCommand.js';
export { BatchWriteCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/BatchWriteCommand.js';
export { DeleteCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/DeleteCommand.js';
export { GetCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/GetCommand.js';
export { PutCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/PutCommand.js';
export { QueryCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/QueryCommand.js';
export { ScanCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/ScanCommand.js';
export { TransactGetCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/TransactGetCommand.js';
export { TransactWriteCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/TransactWriteCommand.js';
export { UpdateCommand } from '../../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/UpdateCommand.js';
