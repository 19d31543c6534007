/** What other features may use of this one (besides its contracts). */
export { createTask } from './task-service.ts';
