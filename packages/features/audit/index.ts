export { sealFinishedDays } from './audit-seal-service.ts';
