/**
 * What secret-sources.ts uses of Powertools Parameters' SSM provider and the
 * SSM SDK, for `import()`: loaded only by a function that reads a signing key,
 * in a chunk of its own, with only the client's GetParameter in it.
 */
export { GetParameterError } from '@aws-lambda-powertools/parameters';
export { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
export { SSMClient } from '@aws-sdk/client-ssm';
