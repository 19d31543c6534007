import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { cognitoDirectoryActions } from '#packages/auth/cognito-directory-actions.ts';
import { httpFunctions } from '#infra/http-layout.ts';
import type { TenantStack } from '#infra/tenant-stack.ts';
import { parseTenants } from '#infra/tenants.ts';
import { logicalIdIn, reconcileAcknowledgements, resourcesOf, synthTenants, templatesOf, violationsOf, type Synthesized } from './support/synth.ts';

// The users and roles routes plus two that must get nothing from Cognito: a small, quick stack.
const tags = new Set(['Users', 'Roles']);
const definitions = {
  routes: [...routes.filter((r) => tags.has(r.tag)), ...routes.filter((r) => r.operationId === 'listContacts' || r.operationId === 'createContact')],
  routing: [],
  schedules: [],
};
const [tenant] = parseTenants({ tenants: [{ name: 'acme', region: 'eu-west-1', account: '123456789012', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example' }] });

let synth: Synthesized;
let stack: TenantStack;

beforeAll(() => {
  synth = synthTenants({ tenants: [tenant!], definitions, cloudFormationValidation: false });
  stack = synth.stacks[0]!;
}, 120_000);

type Statement = { Action: string | string[]; Resource: unknown };

/** Per function (by name: its feature, or a route's own handler): its environment and the statements of its role's policies. */
function functionsByName() {
  const found = new Map<string, { env: Record<string, unknown>; statements: Statement[] }>();
  const { features } = templatesOf(stack);
  stack.httpFeatures.forEach((feature, index) => {
    const template = features[index]!;
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'));
    for (const [name, fn] of feature.functions) {
      const cfn = resourcesOf(template)[feature.getLogicalId(fn.function.node.defaultChild as never)]!;
      const roleId = logicalIdIn(cfn.Properties!.Role);
      const statements = policies
        .filter((p) => (p.Properties!.Roles as unknown[]).some((r) => logicalIdIn(r) === roleId))
        .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
      const env = (cfn.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      found.set(name, { env, statements });
    }
  });
  return found;
}

const cognitoStatements = (statements: Statement[]) =>
  statements.filter((s) => ([] as string[]).concat(s.Action).some((a) => a.startsWith('cognito-idp:')));

describe('identity directory grants', () => {
  it('functions with an identityDirectory route get USER_POOL_ID and exactly the adapter’s cognito-idp actions on the tenant pool', () => {
    const functions = functionsByName();
    const layout = httpFunctions(definitions.routes);
    expect([...functions.keys()].sort()).toEqual(layout.map((f) => f.name).sort());
    const withDirectoryRoutes = new Set(definitions.routes.filter((r) => r.identityDirectory).map((r) => r.handler));
    expect([...withDirectoryRoutes].sort()).toEqual(['identity/roles/create', 'identity/users/create', 'identity/users/disable', 'identity/users/update']);
    // users and roles are one feature; contacts are another and get nothing from Cognito.
    const withDirectory = new Set(layout.filter((f) => f.routes.some((r) => r.identityDirectory)).map((f) => f.name));
    expect([...withDirectory]).toEqual(['identity']);

    for (const [handler, { env, statements }] of functions) {
      const cognito = cognitoStatements(statements);
      if (!withDirectory.has(handler)) {
        expect(cognito, handler).toEqual([]);
        expect(env.USER_POOL_ID, handler).toBeUndefined();
        continue;
      }
      expect(cognito, handler).toHaveLength(1);
      expect(([] as string[]).concat(cognito[0]!.Action).sort(), handler).toEqual([...cognitoDirectoryActions].sort());
      // One resource: the pool's ARN, handed into the nested stack as a parameter.
      expect(JSON.stringify(cognito[0]!.Resource), handler).toMatch(/^\{"Ref":"[^"]*UserPool[^"]*Arn[^"]*"\}$/);
      expect(JSON.stringify(env.USER_POOL_ID), handler).toMatch(/^\{"Ref":"[^"]*UserPool[^"]*"\}$/);
    }
  });

  it('adds no cdk-nag finding', () => {
    expect(violationsOf(synth.report)).toEqual([]);
    expect(reconcileAcknowledgements(stack).unacknowledged).toEqual([]);
  });
});
