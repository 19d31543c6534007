/** Imported first by start.ts: the log format must be set before any import builds the logger. */
import { applyLogFormat } from '../log-format.ts';

applyLogFormat(process.argv.includes('--pretty-logs'));
