// ElectroDB, loaded on the first call rather than when a module imports it.
// ElectroDB is CommonJS: an ESM `import` of it runs its ~190 KB of module code
// (and the DocumentClient commands it requires) as soon as a bundle is
// imported. Called from a function here, esbuild keeps it behind its lazy
// CommonJS wrapper, so a Lambda pays for it on its first db() call, not in its
// cold import (bench: bundles). Node, tsx and vitest load it as plain CommonJS.
'use strict';

let electrodb;
module.exports = function loadElectroDB() {
  return (electrodb ??= require('electrodb'));
};
