import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { routing } from '#events/routing.ts';
import { accessOf, filesAccessOf, httpFunctions } from '#infra/http-layout.ts';
import { EXPORT_RETENTION_DAYS, IMPORT_RETENTION_DAYS } from '#infra/constructs/tenant-files.ts';
import type { TenantStack } from '#infra/tenant-stack.ts';
import { parseTenants } from '#infra/tenants.ts';
import { logicalIdIn, reconcileAcknowledgements, resourcesOf, synthTenants, templatesOf, violationsOf, type Synthesized, SYNTH_TIMEOUT_MS } from './support/synth.ts';

// A small stack: venues (one route reads files), contacts (one route writes them), companies (none),
// and one consumer that writes files: who gets the bucket, and how much of it.
const byId = (id: string) => routes.find((r) => r.operationId === id)!;
const definitions = {
  routes: [
    { ...byId('getVenue'), files: 'read' as const },
    byId('listVenues'),
    { ...byId('createContact'), files: 'write' as const },
    byId('listContacts'),
    byId('listCompanies'),
  ],
  routing: [{ ...routing[0]!, files: 'write' as const }, routing[1]!],
  schedules: [],
};
const [tenant] = parseTenants({
  tenants: [{ name: 'acme', region: 'eu-west-1', account: '123456789012', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example', corsOrigins: ['https://tickets.acme.example'] }],
});

let synth: Synthesized;
let stack: TenantStack;

type Statement = { Action: string | string[]; Resource: unknown };

function httpFunctionsByName() {
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
      found.set(name, { env: (cfn.Properties!.Environment as { Variables?: Record<string, unknown> }).Variables ?? {}, statements });
    }
  });
  return found;
}

const s3Actions = (statements: Statement[]) => statements.flatMap((s) => ([] as string[]).concat(s.Action)).filter((a) => a.startsWith('s3:')).sort();

beforeAll(() => {
  synth = synthTenants({ tenants: [tenant!], definitions, cloudFormationValidation: false });
  stack = synth.stacks[0]!;
}, SYNTH_TIMEOUT_MS);

describe('tenant file bucket', () => {
  it('is private, encrypted, TLS only, retained, logged, and forgets exports and imports after their days', () => {
    const { parent } = templatesOf(stack);
    const bucketId = stack.getLogicalId(stack.files.bucket.node.defaultChild as never);
    parent.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'files/' }),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Prefix: 'exports/', ExpirationInDays: EXPORT_RETENTION_DAYS, Status: 'Enabled' }),
            Match.objectLike({ Prefix: 'imports/', ExpirationInDays: IMPORT_RETENTION_DAYS, Status: 'Enabled' }),
          ]),
        },
        CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://tickets.acme.example'], AllowedMethods: ['GET', 'PUT'] })] },
      }),
    });
    // TLS only: the bucket policy denies any request without aws:SecureTransport.
    const policies = Object.values(resourcesOf(parent, 'AWS::S3::BucketPolicy')).filter((p) => logicalIdIn(p.Properties!.Bucket) === bucketId);
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
  });

  it('gives FILES_BUCKET and object access only to functions whose routes or declarations ask, read-only where they only read', () => {
    expect(filesAccessOf([undefined, 'read'])).toBe('read');
    expect(filesAccessOf(['read', 'write', undefined])).toBe('write');
    expect(filesAccessOf([undefined])).toBeUndefined();
    const layout = httpFunctions(definitions.routes);
    const expected = new Map(layout.map((f) => [f.name, accessOf(f).files]));
    expect(expected.get('sales')).toBe('read');
    expect(expected.get('crm')).toBe('write');
    const functions = httpFunctionsByName();
    expect([...functions.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, { env, statements }] of functions) {
      expect(env.FILES_BUCKET !== undefined, name).toBe(expected.get(name) !== undefined);
      // Object access is granted in the bucket's policy, never by a role's own policy.
      expect(s3Actions(statements), name).toEqual([]);
    }
    // The consumers and jobs live in the parent stack: only the consumer that declared `files` has the bucket.
    const { parent } = templatesOf(stack);
    const parentFunctions = Object.values(resourcesOf(parent, 'AWS::Lambda::Function'));
    const withBucket = parentFunctions.filter((fn) => (fn.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.FILES_BUCKET);
    expect(parentFunctions.length).toBeGreaterThan(1);
    expect(withBucket).toHaveLength(1);

    // The bucket policy: one Allow per granted function — catalog reads, crm and the consumer also write — on objects only.
    const bucketId = stack.getLogicalId(stack.files.bucket.node.defaultChild as never);
    const allows = Object.values(resourcesOf(parent, 'AWS::S3::BucketPolicy'))
      .filter((p) => logicalIdIn(p.Properties!.Bucket) === bucketId)
      .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Array<Statement & { Effect: string; Principal: { AWS: unknown } }> }).Statement)
      .filter((st) => st.Effect === 'Allow');
    // CDK merges statements that differ only in principal: count principals per set of actions.
    const principalsBy = new Map<string, number>();
    for (const st of allows) {
      const key = ([] as string[]).concat(st.Action).sort().join(' ');
      principalsBy.set(key, (principalsBy.get(key) ?? 0) + ([] as unknown[]).concat(st.Principal.AWS).length);
    }
    expect(Object.fromEntries(principalsBy)).toEqual({ 's3:GetObject': 1, 's3:DeleteObject s3:GetObject s3:PutObject': 2 });
    for (const st of allows) expect(JSON.stringify(st.Resource)).toMatch(/\/\*"\]\]\}$/);
  });

  it('adds no cdk-nag finding', () => {
    expect(violationsOf(synth.report)).toEqual([]);
    expect(reconcileAcknowledgements(stack).unacknowledged).toEqual([]);
  });
});
