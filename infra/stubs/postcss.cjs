// Bundled in place of `postcss`, which sanitize-html requires only to parse
// `style` attributes. The seat-map SVG sanitiser (packages/features/seating/svg.ts)
// drops every `style` attribute and runs with `parseStyleAttributes: false`,
// so postcss (with source-map-js, ~87 KiB) never runs in a Lambda. If it were
// reached, sanitize-html would catch the throw and drop the attribute.
'use strict';
module.exports.parse = function parse() {
  throw new Error('postcss is not bundled: style attributes are never kept (packages/features/seating/svg.ts)');
};
