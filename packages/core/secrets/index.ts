export { currentSecret, loadSecrets, runWithSecrets } from './secret-scope.ts';
export {
  clearSecretCache,
  localSecretSource,
  SECRET_MAX_AGE_SECONDS,
  secretsManagerSource,
  useLocalSecrets,
  type SecretSource,
} from './secret-sources.ts';
export type { LoadedSecrets, RawSecret, StripeKeys, TenantSecretValues } from './secret-values.ts';
