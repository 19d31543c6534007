/**
 * What the mailer and the readiness probe use of the SES v2 SDK, for
 * `import()`: a dynamic import keeps every export of its target, so naming
 * these here keeps the client's other commands out of the Lambda bundle's chunk.
 */
export { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
