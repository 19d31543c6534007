// libphonenumber-js's metadata (every country's numbering plan, ~100 KB),
// loaded on the first phone number rather than when a module imports it.
// Imported as ESM it is one large object literal that every function bundling
// the contact or lead schemas parsed and built in its cold import, whether or
// not the request carried a phone (bench: bundles). Required from a function
// here, esbuild keeps the JSON behind its lazy CommonJS wrapper, as
// packages/core/db/electrodb-lazy.cjs does for ElectroDB. It is the metadata
// `libphonenumber-js` itself uses (`min`). Node, tsx and vitest load it as
// plain CommonJS.
'use strict';

let metadata;
module.exports = function phoneMetadata() {
  return (metadata ??= require('libphonenumber-js/metadata.min.json'));
};
