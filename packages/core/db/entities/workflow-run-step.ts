import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One step of one run, written (if absent) before the step's effect: a second
 * worker, a redelivered event or a retried Lambda finds it and never repeats
 * the effect. A step left `started` by a crash is settled `unknown`, not rerun.
 */
export const workflowRunStepSchema = {
  model: { entity: 'workflowRunStep', version: '1', service: SERVICE },
  attributes: {
    runId: { type: 'string', required: true, readOnly: true },
    stepIndex: { type: 'number', required: true, readOnly: true },
    stepType: { type: 'string', required: true, readOnly: true },
    status: { type: ['started', 'done', 'skipped', 'unknown', 'failed'] as const, required: true },
    startedAt: { type: 'string', required: true, readOnly: true },
    finishedAt: { type: 'string' },
    result: { type: 'string' },
  },
  indexes: {
    byRun: { pk: { field: 'pk', composite: ['runId'] }, sk: { field: 'sk', composite: ['stepIndex'] } },
  },
} as const;

export declare const workflowRunStepEntity: Db['entities']['workflowRunStep'];
