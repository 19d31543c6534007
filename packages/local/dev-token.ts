import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { ROLES_CLAIM } from '#packages/auth/principal.ts';

/**
 * Local stand-in for the Cognito user pool: HS256 tokens with a local key,
 * carrying the same `cognito:groups` claim a Cognito access token carries.
 */
export const LOCAL_ISSUER = 'eventos-local';
export const LOCAL_AUDIENCE = 'eventos-api';

const secretKey = (secret: string) => new TextEncoder().encode(secret);

export async function issueDevToken(secret: string, userId: string, role: string, ttlSeconds = 12 * 3600): Promise<string> {
  return new SignJWT({ [ROLES_CLAIM]: [role], token_use: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secretKey(secret));
}

// A scanner sends the same token thousands of times; API Gateway caches
// authorizer results too. Entries are dropped when they expire.
const verified = new Map<string, JWTPayload>();
const MAX_CACHED = 1000;

/** Returns the claims, or null for a missing, malformed, expired or foreign token. */
export async function verifyDevToken(secret: string, authorization: string | undefined): Promise<JWTPayload | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  const cacheKey = `${secret}:${match[1]}`;
  const cached = verified.get(cacheKey);
  if (cached && (cached.exp ?? 0) * 1000 > Date.now()) return cached;
  verified.delete(cacheKey);
  try {
    const { payload } = await jwtVerify(match[1], secretKey(secret), { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value!);
    verified.set(cacheKey, payload);
    return payload;
  } catch {
    return null;
  }
}
