/**
 * The layer rules (docs/architecture.md): transport → features → shared kit, never back.
 * `npm test` runs them (test/unit/dependency-rules.test.ts); the before-stop hook too.
 * Parsed with swc: dependency-cruiser's TypeScript support stops before TypeScript 7.
 */
/** The shared kit: errors, logger, ids, db, bus, schemas, route definition, auth, payments, mail. */
const kit = '^packages/(core|auth|payments|mail|tickets)/';
/** A feature's own code: contract, routes, services, consumer logic (not its http/ handlers). */
const featureDomain = '^packages/features/[^/]+/(?!http/)';
const domain = [kit, featureDomain];
const transport = ['^packages/(http|local)/', '^functions/', '^packages/features/[^/]+/http/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-knows-no-transport',
      comment: 'Domain code and the shared kit never import the HTTP stack, the local runner, Lambda entry points or infra: errors are domain kinds, mapped to HTTP in one table.',
      severity: 'error',
      from: { path: domain },
      to: { path: [...transport, '^infra/', '^packages/api/', '^bench/'] },
    },
    {
      name: 'kit-knows-no-feature',
      comment: 'The shared kit sits below every feature: it never imports one.',
      severity: 'error',
      from: { path: kit },
      to: { path: '^packages/features/' },
    },
    {
      name: 'features-meet-through-their-index',
      comment: 'A feature uses another only through what that one exports: its index.ts and its contract files. Everything else in a feature folder is internal to it.',
      severity: 'error',
      from: { path: '^packages/features/([^/]+)/' },
      to: { path: '^packages/features/[^/]+/', pathNot: ['^packages/features/$1/', '^packages/features/[^/]+/(index|contract|[^/]+-contract)\\.ts$'] },
    },
    {
      name: 'contract-knows-no-transport',
      comment: 'Route and event contracts (schemas, the route table, the event catalog) are data the transport reads; they never import it.',
      severity: 'error',
      from: { path: '^(packages/api|events)/' },
      to: { path: [...transport, '^infra/', '^bench/'] },
    },
    {
      name: 'entry-points-are-leaves',
      comment: 'Only the local runner, infra (feature entries, bundling) and the bench load Lambda entry points; nothing else depends on them.',
      severity: 'error',
      from: { path: '^(packages|events)/', pathNot: '^packages/local/' },
      to: { path: '^functions/' },
    },
    {
      name: 'runtime-never-loads-infra-or-bench',
      severity: 'error',
      from: { path: '^(packages|functions|events)/' },
      to: { path: ['^infra/', '^bench/'] },
    },
    {
      name: 'operator-cli-is-a-leaf',
      comment: 'infra/cli is run by an operator (npm run eventos), never loaded: not by run-time code, not by the CDK app (it carries the Stripe SDK, prompts and shell-outs).',
      severity: 'error',
      from: { pathNot: '^infra/cli/' },
      to: { path: '^infra/cli/' },
    },
    {
      name: 'deployed-code-never-loads-the-local-runner',
      comment: 'The local runner stands in for AWS; a deployed function must not carry it.',
      severity: 'error',
      from: { path: ['^functions/', '^packages/(core|auth|payments|mail|tickets|http|api|features)/', '^events/'] },
      to: { path: '^packages/local/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      // infra/stubs/.generated/ is written when infra/bundling.ts is first imported (infra/packed-json.ts): absent on a fresh clone.
      to: { couldNotResolve: true, pathNot: ['^aws-lambda$', '^\\./\\.generated/'] },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^cdk\\.out', '^\\.data'] },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    combinedDependencies: true,
  },
};
