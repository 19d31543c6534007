/**
 * What secret-sources.ts uses of Powertools Parameters and the Secrets Manager
 * SDK, for `import()`: a dynamic import keeps every export of its target, so
 * naming these here keeps the client's other commands out of the Lambda
 * bundle's chunk.
 */
export { GetParameterError } from '@aws-lambda-powertools/parameters';
export { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
export { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
