// Bundled in place of packages/core/secrets/ssm-sdk.ts (the SSM client and
// Powertools' SSM provider, ~87 KB) in a function none of whose routes,
// consumers or jobs names a parameter secret (infra/bundling.ts,
// `parameterSecretsBundled`). Such a function is granted no parameter and has
// no variable naming one, so secret-sources.ts refuses before it gets here;
// reaching this means the function's `secrets` and its bundle disagree.
throw new Error(
  'this Lambda was bundled without the SSM client: none of its routes, consumers or jobs names a parameter secret (infra/bundling.ts)',
);
