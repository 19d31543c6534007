import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addTenantStacks, cdkJsonContext, type TenantAppOptions } from '#infra/tenant-app.ts';
import type { TenantStack } from '#infra/tenant-stack.ts';

/**
 * The assertion synth skips bundling (`aws:cdk:bundling-stacks: []`, honoured by
 * infra/lambda-bundles.ts): the CloudFormation is identical except for the
 * asset hashes. Every entry point is still bundled, in one esbuild call, by
 * bundle.test.ts. EVENTOS_INFRA_BUNDLE=1 bundles here too.
 */
export const bundleInSynth = process.env.EVENTOS_INFRA_BUNDLE === '1';

/**
 * How long a synth (or a bundling) may take in a hook or test: a bound that
 * only stops a hung run, never a speed check. Synth is CPU-bound; with other
 * test runs beside it on 2 cores it took over 2 minutes here.
 */
export const SYNTH_TIMEOUT_MS = 600_000;

export interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: {
      ruleName: string;
      description: string;
      severity?: string;
      violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

export interface Synthesized {
  app: App;
  stacks: TenantStack[];
  assembly: CloudAssembly;
  /** validation-report.json of the cloud assembly: cdk-nag's findings left after acknowledgements. */
  report: ValidationReport;
}

/**
 * Builds the app exactly as infra/app.ts does (cdk.json feature flags, cdk-nag) and synthesizes it once.
 * `cloudFormationValidation: false` skips CDK's built-in template schema check (the slowest part of a
 * synth, ~10 s here); cdk-nag still runs. The real-stack test keeps it on.
 */
export function synthTenants(options: TenantAppOptions & { cloudFormationValidation?: boolean }): Synthesized {
  const app = new App({
    outdir: tempOutdir(),
    context: { ...cdkJsonContext(), ...(bundleInSynth ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stacks = addTenantStacks(app, options);
  const previous = process.env.CDK_VALIDATION;
  if (options.cloudFormationValidation === false) process.env.CDK_VALIDATION = 'false';
  let assembly: CloudAssembly;
  try {
    // Throws "ValidationFailed" with the report when cdk-nag has unacknowledged errors.
    assembly = app.synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
  return { app, stacks, assembly, report: readValidationReport(assembly) };
}

export const readValidationReport = (assembly: CloudAssembly): ValidationReport =>
  JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;

export const tempOutdir = () => mkdtempSync(path.join(tmpdir(), 'eventos-cdk-'));

export const violationsOf = (report: ValidationReport) =>
  report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((c) => ({
        plugin: plugin.pluginName,
        rule: violation.ruleName,
        severity: violation.severity,
        path: c.constructPath,
      })),
    ),
  );

/** The stack's template and those of its nested stacks (one per HTTP feature, in stack.httpFeatures order). */
export function templatesOf(stack: TenantStack): { parent: Template; features: Template[]; all: Template[] } {
  const parent = Template.fromStack(stack);
  const features = stack.httpFeatures.map((feature) => Template.fromStack(feature));
  return { parent, features, all: [parent, ...features] };
}

/** Every Lambda of a synthesized tenant: its template, logical id and resource. */
export function functionsIn(all: Template[]) {
  return all.flatMap((template) => Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => ({ template, id, fn })));
}

type Statement = { Action: string[]; Resource: unknown; Effect?: string; Condition?: unknown };

/** All statements of the inline policies attached to a function's role, actions as arrays. */
export function statementsOfFunction(template: Template, functionId: string): Statement[] {
  const fn = resourcesOf(template)[functionId]!;
  const roleId = logicalIdIn(fn.Properties!.Role);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties!.Roles as unknown[]).some((role) => logicalIdIn(role) === roleId))
    .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
    .map((statement) => ({ ...statement, Action: ([] as string[]).concat(statement.Action) }));
}

export interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge()` in the tree, with where it was made. */
export function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          // aws-cdk-lib records unqualified ids as "Annotation::<id>"; cdk-nag strips it the same way.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/**
 * What AwsSolutions reports when acknowledgements are ignored: proves the
 * checks do fire on this stack, and lets a test tie each acknowledgement to a
 * real finding.
 */
export function rawNagFindings(root: IConstruct): { rule: string; path: string }[] {
  const pack = new AwsSolutionsChecks();
  // cdk-nag consults construct metadata in a private method; bypass it for the raw view.
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack
    .validateScope(root)
    .violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({ rule: violation.ruleName, path: resource.constructPath ?? '' })),
    );
}

const isAtOrBelow = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}/`);

/** Raw findings without an acknowledgement on them or an ancestor, and acknowledgements no finding needs. */
export function reconcileAcknowledgements(root: IConstruct) {
  const findings = rawNagFindings(root);
  const acknowledgements = acknowledgementsIn(root);
  return {
    findings,
    acknowledgements,
    unacknowledged: findings.filter(
      (finding) => !acknowledgements.some((ack) => ack.id === finding.rule && isAtOrBelow(finding.path, ack.path)),
    ),
    unused: acknowledgements.filter(
      (ack) => !findings.some((finding) => ack.id === finding.rule && isAtOrBelow(finding.path, ack.path)),
    ),
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;

export const resourcesOf = (template: Template, type?: string): Resources =>
  Object.fromEntries(
    Object.entries(template.toJSON().Resources as Resources).filter(([, resource]) => !type || resource.Type === type),
  );

/** `{ "Fn::GetAtt": [id, "Arn"] }` or `{ Ref: id }` → id. */
export function logicalIdIn(value: unknown): string {
  const v = value as { 'Fn::GetAtt'?: [string, string]; Ref?: string };
  const id = v['Fn::GetAtt']?.[0] ?? v.Ref;
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}
