import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Request and response bodies, headers and tokens
 * are never logged: they carry personal data and credentials.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'eventos' });
