// Bundled in place of `@aws-sdk/credential-provider-node`, the SDK's default
// credential chain (env, SSO, ini files, process, web identity, ECS/EC2
// metadata). Lambda always hands a function its role's credentials in
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, the first link
// of that chain, so the other links never run in a Lambda; bundled, they cost
// every function ~125 KB (SSO/STS/sign-in clients, ini and metadata readers).
// Only Lambda bundles use this (infra/bundling.ts); tests and the local runner
// import the real chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);
