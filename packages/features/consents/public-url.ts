/** Where links in consent mail point: PUBLIC_BASE_URL (deployed: the API's URL; local: the local API), no trailing slash. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.PUBLIC_BASE_URL;
  if (!base) throw new Error('PUBLIC_BASE_URL is not set');
  return base.replace(/\/+$/, '');
}

export const optInUrl = (token: string) => `${publicBaseUrl()}/v1/consents/confirm/${encodeURIComponent(token)}`;
export const preferencesUrl = (token: string) => `${publicBaseUrl()}/v1/preferences/${encodeURIComponent(token)}`;
