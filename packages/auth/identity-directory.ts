import { CognitoIdentityDirectory } from './cognito-identity-directory.ts';
import { LocalIdentityDirectory } from './local-identity-directory.ts';

/**
 * Where staff users sign in: deployed, the tenant's Cognito user pool; locally,
 * nowhere (dev tokens stand in for sign-in). The users and roles services talk
 * to this port only; `identityDirectory()` picks the adapter.
 *
 * Users are addressed by `userId`, the token's `sub` (Cognito accepts a user's
 * sub wherever it takes a username).
 */
export interface IdentityDirectory {
  /** The group a custom role's holders join. An existing group of that name is fine. */
  createGroup(name: string, description: string): Promise<void>;
  /**
   * Creates the user and sends the invitation (a temporary password) to the
   * email. Returns the directory's subject for the user, or null when the
   * directory assigns none (local). Throws IdentityConflict when the email is
   * already taken there.
   */
  createUser(user: { email: string; username: string }): Promise<{ subject: string | null }>;
  /** Undoes createUser when the EventOS record could not be written. */
  deleteUser(userId: string): Promise<void>;
  addToGroup(userId: string, group: string): Promise<void>;
  removeFromGroup(userId: string, group: string): Promise<void>;
  disableUser(userId: string): Promise<void>;
  enableUser(userId: string): Promise<void>;
}

/** The directory already holds a user with this sign-in name. */
export class IdentityConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityConflict';
  }
}

let current: IdentityDirectory | undefined;

/**
 * Cognito when USER_POOL_ID is set (CDK sets it on the functions whose routes
 * say `identityDirectory: true`), the local no-op otherwise.
 */
export function identityDirectory(): IdentityDirectory {
  current ??= process.env.USER_POOL_ID ? new CognitoIdentityDirectory(process.env.USER_POOL_ID) : new LocalIdentityDirectory();
  return current;
}
