/**
 * Imported first by bench/run.ts: the handlers' Powertools logger reads its
 * level when its module loads, and bench modules that build items with the
 * product's code (the floors) load it with the sections, before any stack
 * starts. Logging every request would add its work to the timed request path.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
