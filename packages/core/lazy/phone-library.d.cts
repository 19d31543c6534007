declare function phoneLibrary(): {
  parsePhoneNumberFromString: typeof import('libphonenumber-js/core').parsePhoneNumberFromString;
  metadata: import('libphonenumber-js/core').MetadataJson;
};
export = phoneLibrary;
