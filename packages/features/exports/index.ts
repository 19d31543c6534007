export { buildDataExport } from './data-export-job.ts';
