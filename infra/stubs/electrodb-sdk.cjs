// Bundled in place of `@aws-sdk/lib-dynamodb` and `@aws-sdk/util-dynamodb` in
// the ElectroDB side file (electrodb.cjs beside a Lambda's index.mjs): the
// bundle hands over its own DocumentClient commands and unmarshall, set when
// its DocumentClient stub is imported (infra/stubs/lib-dynamodb.mjs).
'use strict';

const sdk = globalThis[Symbol.for('eventos.electrodb.sdk')];
if (!sdk) throw new Error('electrodb.cjs needs the DocumentClient of the Lambda bundle loading it (infra/stubs/lib-dynamodb.mjs sets it at import)');
module.exports = sdk;
