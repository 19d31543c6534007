/**
 * The layer rules (docs/architecture.md): transport → domain → shared kit, never back.
 * `npm test` runs them (test/unit/dependency-rules.test.ts); the before-stop hook too.
 * Parsed with swc: dependency-cruiser's TypeScript support stops before TypeScript 7.
 */
const domain = '^packages/(core|auth|payments|mail|tickets)/';
const transport = '^(packages/(http|local)|functions)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-knows-no-transport',
      comment: 'Domain code and the shared kit never import the HTTP stack, the local runner, Lambda entry points or infra: errors are domain kinds, mapped to HTTP in one table.',
      severity: 'error',
      from: { path: domain },
      to: { path: ['^packages/(http|local)/', '^functions/', '^infra/', '^packages/api/(routes|openapi)', '^bench/'] },
    },
    {
      name: 'contract-knows-no-transport',
      comment: 'Route and event contracts (schemas, the route table, the event catalog) are data the transport reads; they never import it.',
      severity: 'error',
      from: { path: '^(packages/api|events)/' },
      to: { path: [transport, '^infra/', '^bench/'] },
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
      name: 'deployed-code-never-loads-the-local-runner',
      comment: 'The local runner stands in for AWS; a deployed function must not carry it.',
      severity: 'error',
      from: { path: ['^functions/', '^packages/(core|auth|payments|mail|tickets|http|api)/', '^events/'] },
      to: { path: '^packages/local/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
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
