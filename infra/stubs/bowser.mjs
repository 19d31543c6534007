// Bundled in place of `bowser`, a browser user-agent parser. The AWS SDK's
// core imports it only from its browser user-agent provider
// (@aws-sdk/core …/util-user-agent-browser), through an `import()` that a
// Lambda never runs: in Node the SDK builds its user agent from
// util-user-agent-node. Bundled for real it is a 33 KiB chunk in every
// function. Should the browser path ever run here, it gets no parsed agent,
// which that provider already handles ("other"/"unknown").
export const parse = () => undefined;
export default { parse };
