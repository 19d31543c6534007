import { createHash } from 'node:crypto';
import type { CfnElement } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';

const TRANSPARENT = Symbol.for('eventos.infra.transparent');

/**
 * Leaves a construct out of the logical ids of the resources under it.
 *
 * The tenant stack is split by concern (data, mail, auth, HTTP, workers), but
 * CloudFormation knows a resource by its logical id, and CDK derives that id
 * from the construct path: moving the table under a `Data` construct would make
 * CloudFormation create a new, empty table (and fail on every resource with a
 * fixed name: bus, secrets, configuration set). A transparent construct keeps
 * every id what it was when the stack was one constructor; the construct tree
 * (and so cdk-nag's paths) still shows the concern.
 */
export function transparent<T extends IConstruct>(construct: T): T {
  Object.defineProperty(construct, TRANSPARENT, { value: true });
  return construct;
}

export const isTransparent = (construct: IConstruct): boolean =>
  (construct as unknown as Record<symbol, unknown>)[TRANSPARENT] === true;

/** A construct that only groups a concern's resources: transparent to logical ids. */
export class Concern extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    transparent(this);
  }
}

// CDK's makeUniqueId (aws-cdk-lib core/lib/private/uniqueid.ts, not exported). Its
// output is frozen, since changing it would rename every resource of every CDK app;
// test/infra pins ids of this stack to catch a mismatch.
const HIDDEN_ID = 'Default';
const HIDDEN_FROM_HUMAN_ID = 'Resource';
const removeNonAlphanumeric = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

function makeUniqueId(components: string[]): string {
  const parts = components.filter((x) => x !== HIDDEN_ID);
  if (parts.length === 0) throw new Error('Unable to calculate a unique id for an empty set of components');
  if (parts.length === 1) {
    const candidate = removeNonAlphanumeric(parts[0]!);
    if (candidate.length <= 255) return candidate;
  }
  const hash = createHash('md5').update(parts.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const part of parts) if (human.length === 0 || !human[human.length - 1]!.endsWith(part)) human.push(part);
  return (
    human
      .filter((x) => x !== HIDDEN_FROM_HUMAN_ID)
      .map(removeNonAlphanumeric)
      .join('')
      .slice(0, 240) + hash
  );
}

const taken = new WeakMap<IConstruct, Map<string, CfnElement>>();

/**
 * The logical id of a resource in a stack whose constructs may be
 * transparent: CDK's own id computed from the path without them. Throws when
 * two resources would get the same id (two concerns naming a child alike).
 */
export function transparentLogicalId(element: CfnElement): string {
  const scopes = element.node.scopes;
  const components = scopes
    .slice(scopes.indexOf(element.stack) + 1)
    .filter((scope) => !isTransparent(scope))
    .map((scope) => scope.node.id);
  const id = makeUniqueId(components);
  let ids = taken.get(element.stack);
  if (!ids) taken.set(element.stack, (ids = new Map()));
  const holder = ids.get(id);
  if (holder && holder !== element) {
    throw new Error(`Logical id ${id} of ${element.node.path} is already taken by ${holder.node.path} (a transparent construct hides their parents)`);
  }
  ids.set(id, element);
  return id;
}
