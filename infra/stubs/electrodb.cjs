// Bundled in place of `electrodb` in Lambda bundles. ElectroDB (~200 KB
// minified) runs only on a function's first db() call (packages/core/db), but
// inside index.mjs Node still reads, decodes and parses all of it on every
// cold import (bench: bundles, ~0.25× the reference). So it ships beside
// index.mjs as its own file, `electrodb.cjs` (infra/bundling.ts builds it),
// loaded here on first use with the bundle's require (the banner's
// createRequire, so relative to index.mjs).
//
// ElectroDB requires the DocumentClient package; the side file gets the
// bundle's own copy (same classes, no second SDK) through a global the
// bundle's DocumentClient stub sets at import (infra/stubs/lib-dynamodb.mjs;
// infra/stubs/electrodb-sdk.cjs reads it).
'use strict';

// Not a literal: esbuild leaves it to run at runtime instead of bundling it.
const sideFile = ['.', 'electrodb.cjs'].join('/');
module.exports = require(sideFile);
