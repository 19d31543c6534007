// Bundled in place of packages/core/secrets/ssm-sdk.ts (the SSM client and
// Powertools' SSM provider, ~85 KB) or secrets-manager-sdk.ts (~20 KB) in a
// function none of whose routes, consumers or jobs names a secret kept in that
// store (infra/bundling.ts, `secretStoresBundled`). Such a function is granted
// no secret there and has no variable naming one, so secret-sources.ts refuses
// before it gets here; reaching this means the function's `secrets` and its
// bundle disagree.
throw new Error(
  'this Lambda was bundled without this secret store’s client: none of its routes, consumers or jobs names a secret kept there (infra/bundling.ts)',
);
