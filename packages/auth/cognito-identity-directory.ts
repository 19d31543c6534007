import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { IdentityConflict, type IdentityDirectory } from './identity-directory.ts';

const errorName = (error: unknown) => (error as { name?: string }).name;

/**
 * The tenant's Cognito user pool. The pool signs users in by email (its
 * username attribute), so a new user's Cognito username is the email and
 * Cognito assigns the sub; later calls address the user by that sub.
 */
export class CognitoIdentityDirectory implements IdentityDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async createGroup(name: string, description: string): Promise<void> {
    try {
      await this.client.send(new CreateGroupCommand({ UserPoolId: this.userPoolId, GroupName: name, Description: description.slice(0, 2048) }));
    } catch (error) {
      // A retry after a partial failure finds the group made the first time.
      if (errorName(error) !== 'GroupExistsException') throw error;
    }
  }

  async createUser({ email }: { email: string; username: string }): Promise<{ subject: string | null }> {
    try {
      const { User } = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            // The address is the one the admin typed; Cognito's invitation (with the
            // temporary password) goes to it and the user proves it by signing in.
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      const subject = User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!subject) throw new Error('Cognito created the user but returned no sub');
      return { subject };
    } catch (error) {
      if (errorName(error) === 'UsernameExistsException' || errorName(error) === 'AliasExistsException') {
        throw new IdentityConflict(`The user pool already has a user with the email ${email}`);
      }
      throw error;
    }
  }

  async deleteUser(userId: string): Promise<void> {
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  async addToGroup(userId: string, group: string): Promise<void> {
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: userId, GroupName: group }));
  }

  async removeFromGroup(userId: string, group: string): Promise<void> {
    await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: userId, GroupName: group }));
  }

  async disableUser(userId: string): Promise<void> {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  async enableUser(userId: string): Promise<void> {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }
}
