/** What other features may use of this one (besides its contract); everything else is internal. */
export { pipelineOrDefault, stageOf } from './pipeline-service.ts';
export type { PipelineItem } from './pipeline-service.ts';
export type { Stage } from './stages.ts';
