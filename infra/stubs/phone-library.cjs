// Bundled in place of packages/core/lazy/phone-library.cjs in Lambda bundles.
// libphonenumber-js and its numbering plans (~62 KB as bundled, the plans
// gzipped) are needed only by a request that carries a phone number, yet
// inside a route's chunk Node read and parsed them on every cold start of the
// route (bench: bundles). So they ship beside index.mjs as their own file,
// `libphonenumber.cjs` (infra/phone-side-file.ts builds it), required here on
// the first phone number with the bundle's require (the banner's
// createRequire, so relative to index.mjs).
'use strict';

// Not a literal: esbuild leaves it to run at runtime instead of bundling it.
const sideFile = ['.', 'libphonenumber.cjs'].join('/');
let library;
module.exports = function phoneLibrary() {
  return (library ??= require(sideFile));
};
