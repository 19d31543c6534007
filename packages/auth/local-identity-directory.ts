import { logger } from '#packages/core/logger.ts';
import type { IdentityDirectory } from './identity-directory.ts';

/**
 * Used when USER_POOL_ID is unset (the local runner, tests): records nothing.
 * Users sign in locally with `POST /dev/token`, so there is nothing to mirror.
 */
export class LocalIdentityDirectory implements IdentityDirectory {
  constructor() {
    logger.info('USER_POOL_ID is not set: users and roles are kept in the table only, not mirrored to a user pool');
  }
  async createGroup(): Promise<void> {}
  async createUser(): Promise<{ subject: string | null }> {
    return { subject: null };
  }
  async deleteUser(): Promise<void> {}
  async addToGroup(): Promise<void> {}
  async removeFromGroup(): Promise<void> {}
  async disableUser(): Promise<void> {}
  async enableUser(): Promise<void> {}
}
