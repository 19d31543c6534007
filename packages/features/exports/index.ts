export { buildDataExport } from './data-export-job.ts';
export { runExport } from './export-run.ts';
