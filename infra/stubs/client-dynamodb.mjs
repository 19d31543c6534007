// Bundled in place of `@aws-sdk/client-dynamodb`'s index: the client and the
// item commands the DocumentClient sends (infra/stubs/lib-dynamodb.mjs),
// nothing else. ElectroDB `require()`s the
// DocumentClient package, and esbuild keeps a required ES module and all it
// imports whole (no tree-shaking) and behind lazy init wrappers that run at
// import: through the index that was every DynamoDB command, the aggregated
// `DynamoDB` client, paginators and waiters, in every function's cold import.
// Only Lambda bundles use this (infra/bundling.ts); tests and the local runner
// import the real package. A name missing here fails the bundle ("No matching
// export"), not a request.
//
// Paths are relative, not `@aws-sdk/client-dynamodb/…`, which the alias would
// send back here; they name the copy infra/bundling.ts writes with the error
// registry cut (infra/trimmed-sdk-client.ts).
export { DynamoDBClient } from './.generated/@aws-sdk+client-dynamodb/dist-es/DynamoDBClient.js';
export { BatchGetItemCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/BatchGetItemCommand.js';
export { BatchWriteItemCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/BatchWriteItemCommand.js';
export { DeleteItemCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/DeleteItemCommand.js';
export { GetItemCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/GetItemCommand.js';
export { PutItemCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/PutItemCommand.js';
export { QueryCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/QueryCommand.js';
export { ScanCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/ScanCommand.js';
export { TransactGetItemsCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/TransactGetItemsCommand.js';
export { TransactWriteItemsCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/TransactWriteItemsCommand.js';
export { UpdateItemCommand } from './.generated/@aws-sdk+client-dynamodb/dist-es/commands/UpdateItemCommand.js';
// The audit interceptor (packages/core/audit/audit-interceptor.ts) tells a failed condition from other errors by class.
export { ConditionalCheckFailedException } from './.generated/@aws-sdk+client-dynamodb/dist-es/models/errors.js';
