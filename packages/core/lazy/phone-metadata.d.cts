declare function phoneMetadata(): import('libphonenumber-js/core').MetadataJson;
export = phoneMetadata;
