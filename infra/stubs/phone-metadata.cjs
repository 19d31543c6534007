// Bundled in place of libphonenumber-js's `metadata.min.json` (infra/packed-json.ts):
// the same JSON, carried gzipped and inflated here, on the first phone number
// a function parses, in the side file infra/phone-side-file.ts builds (packages/core/lazy/phone-library.cjs).
'use strict';
const { gunzipSync } = require('node:zlib');
const packed = require('./.generated/phone-metadata.min.json.gz');

module.exports = JSON.parse(gunzipSync(packed).toString('utf8'));
