// Bundled in place of `jsonschema`, which ElectroDB uses only to check entity
// models when an entity is built. The models are constants the test suite
// checks with the real library (tests run unbundled); in a Lambda the check
// would cost every cold start ~28 KB of code and ~4 ms per entity.
//
// One answer must still be "no": ElectroDB also asks the check whether what a
// Service is given is a model (to build an Entity from it) or an Entity
// already built (getInstanceType in electrodb/src/util.js). The real check
// rejects a built Entity; answering "valid" for it made `new Service(entities)`
// rebuild each Entity from an Entity and throw ("Cannot convert undefined or
// null to object") on a function's first db() call. ElectroDB marks what it
// builds with `_instance`; a model never has one.
const notAModel = [{ property: 'instance', message: 'is an ElectroDB instance, not a model', argument: 'instance' }];
class Validator {
  addSchema() {}
  validate(instance) {
    if (instance !== null && typeof instance === 'object' && instance._instance !== undefined) return { errors: notAModel, valid: false };
    return { errors: [], valid: true };
  }
}
// ElectroDB registers its custom formats on the prototype.
Validator.prototype.customFormats = {};
module.exports = { Validator };
