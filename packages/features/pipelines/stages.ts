import type { StageKind } from '#packages/core/db/entities/pipeline.ts';
import { newId } from '#packages/core/ids.ts';
import { unprocessable } from '#packages/core/errors.ts';

export interface Stage {
  stageId: string;
  name: string;
  probability: number;
  kind: StageKind;
}

export interface StageInput {
  /** An existing stage's id when a pipeline is changed; new stages have none. */
  id?: string | undefined;
  name: string;
  probability?: number | undefined;
  kind?: StageKind | undefined;
}

/** The default pipeline's stages (issue #5). */
export const DEFAULT_STAGES: readonly Omit<StageInput, 'id'>[] = [
  { name: 'Prospecting', probability: 10 },
  { name: 'Qualification', probability: 25 },
  { name: 'Proposal', probability: 50 },
  { name: 'Negotiation', probability: 80 },
  { name: 'Won', kind: 'won' },
  { name: 'Lost', kind: 'lost' },
];

/** What a closed stage counts for: won is certain, lost is nothing. */
const CLOSED_PROBABILITY: Record<Exclude<StageKind, 'open'>, number> = { won: 100, lost: 0 };

interface StageError {
  path: string;
  message: string;
}

/**
 * Checks and completes a pipeline's stages: exactly one won and one lost
 * stage, at least one open stage, unique names (case-insensitive), open
 * stages with a probability 0–100, won at 100 and lost at 0 (filled in when
 * left out). When `previous` is given (an update), every previous stage must
 * still be there with its kind: opportunities point at stage ids, and their
 * status is the kind of their stage. Throws 422 `invalid_stages`.
 */
export function checkedStages(input: readonly StageInput[], previous?: readonly Stage[]): Stage[] {
  const errors: StageError[] = [];
  const seenNames = new Set<string>();
  const stages = input.map((s, i): Stage => {
    const kind = s.kind ?? 'open';
    const name = s.name.trim();
    const key = name.toLowerCase();
    if (seenNames.has(key)) errors.push({ path: `body.stages.${i}.name`, message: `the name "${name}" is used twice` });
    seenNames.add(key);
    let probability = s.probability;
    if (kind === 'open') {
      if (probability === undefined) errors.push({ path: `body.stages.${i}.probability`, message: 'an open stage needs a probability (0-100)' });
    } else {
      const fixed = CLOSED_PROBABILITY[kind];
      if (probability !== undefined && probability !== fixed) {
        errors.push({ path: `body.stages.${i}.probability`, message: `a ${kind} stage counts at ${fixed} %` });
      }
      probability = fixed;
    }
    if (s.id !== undefined && !previous?.some((p) => p.stageId === s.id)) {
      errors.push({ path: `body.stages.${i}.id`, message: 'not a stage of this pipeline; leave it out for a new stage' });
    }
    return { stageId: s.id ?? newId(), name, probability: probability ?? 0, kind };
  });
  const count = (kind: StageKind) => stages.filter((s) => s.kind === kind).length;
  if (count('won') !== 1) errors.push({ path: 'body.stages', message: 'needs exactly one won stage' });
  if (count('lost') !== 1) errors.push({ path: 'body.stages', message: 'needs exactly one lost stage' });
  if (count('open') < 1) errors.push({ path: 'body.stages', message: 'needs at least one open stage' });
  if (new Set(stages.map((s) => s.stageId)).size !== stages.length) errors.push({ path: 'body.stages', message: 'a stage id is given twice' });
  for (const old of previous ?? []) {
    const now = stages.find((s) => s.stageId === old.stageId);
    if (!now) errors.push({ path: 'body.stages', message: `stage ${old.stageId} (${old.name}) cannot be removed: opportunities may be in it` });
    else if (now.kind !== old.kind) errors.push({ path: 'body.stages', message: `stage ${old.stageId} (${old.name}) cannot change its kind` });
  }
  if (errors.length) throw unprocessable('invalid_stages', 'The stages are not a valid pipeline', { errors });
  return stages;
}
