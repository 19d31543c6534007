// libphonenumber-js (its parser, ~37 KB, and the metadata of every country's
// numbering plan, ~100 KB), loaded on the first phone number rather than when
// a module imports it. Imported as ESM they were parsed and built in the cold
// import of every function bundling a contact, lead or guest schema, whether
// or not the request carried a phone (bench: bundles). In a Lambda bundle this
// module is replaced by infra/stubs/phone-library.cjs, which requires both
// from a file beside index.mjs on first use, as ElectroDB is loaded. It is the
// metadata `libphonenumber-js` itself uses (`min`). Node, tsx and vitest load
// it as plain CommonJS.
'use strict';

let library;
module.exports = function phoneLibrary() {
  return (library ??= {
    parsePhoneNumberFromString: require('libphonenumber-js/core').parsePhoneNumberFromString,
    metadata: require('libphonenumber-js/metadata.min.json'),
  });
};
