// Bundled in place of `jsonschema`, which ElectroDB uses only to check entity
// models when an entity is built. The models are constants the test suite
// checks with the real library (tests run unbundled); in a Lambda the check
// would cost every cold start ~28 KB of code and ~4 ms per entity.
class Validator {
  addSchema() {}
  validate() {
    return { errors: [], valid: true };
  }
}
// ElectroDB registers its custom formats on the prototype.
Validator.prototype.customFormats = {};
module.exports = { Validator };
