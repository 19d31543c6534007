import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  GroupExistsException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoDirectoryActions } from '#packages/auth/cognito-directory-actions.ts';
import { CognitoIdentityDirectory } from '#packages/auth/cognito-identity-directory.ts';
import { IdentityConflict } from '#packages/auth/identity-directory.ts';

const POOL = 'eu-west-1_TestPool';
const SUB = '1c2d3e4f-0000-4000-8000-000000000001';
const cognito = mockClient(CognitoIdentityProviderClient);
const directory = new CognitoIdentityDirectory(POOL, new CognitoIdentityProviderClient({}));

beforeEach(() => cognito.reset());

describe('Cognito identity directory', () => {
  it('creates the user by email, verified, invited by email, and returns the sub', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: SUB, Attributes: [{ Name: 'sub', Value: SUB }, { Name: 'email', Value: 'ana@x.com' }] } });
    expect(await directory.createUser({ email: 'ana@x.com', username: 'ana' })).toEqual({ subject: SUB });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'ana@x.com',
      UserAttributes: [
        { Name: 'email', Value: 'ana@x.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
  });

  it('an email already in the pool is an IdentityConflict; other failures pass through', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    await expect(directory.createUser({ email: 'ana@x.com', username: 'ana' })).rejects.toBeInstanceOf(IdentityConflict);
    cognito.on(AdminCreateUserCommand).rejects(new Error('throttled'));
    await expect(directory.createUser({ email: 'ana@x.com', username: 'ana' })).rejects.toThrow('throttled');
  });

  it('creates a group per custom role; an existing group is fine', async () => {
    cognito.on(CreateGroupCommand).resolvesOnce({}).rejectsOnce(new GroupExistsException({ message: 'exists', $metadata: {} }));
    await directory.createGroup('door_lead', 'Runs a gate team');
    await directory.createGroup('door_lead', 'Runs a gate team');
    expect(cognito.commandCalls(CreateGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, GroupName: 'door_lead', Description: 'Runs a gate team' },
      { UserPoolId: POOL, GroupName: 'door_lead', Description: 'Runs a gate team' },
    ]);
  });

  it('addresses users by sub for group moves, disable, enable and delete', async () => {
    cognito.onAnyCommand().resolves({});
    await directory.addToGroup(SUB, 'sales');
    await directory.removeFromGroup(SUB, 'scanner');
    await directory.disableUser(SUB);
    await directory.enableUser(SUB);
    await directory.deleteUser(SUB);
    const user = { UserPoolId: POOL, Username: SUB };
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toEqual({ ...user, GroupName: 'sales' });
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]!.args[0].input).toEqual({ ...user, GroupName: 'scanner' });
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]!.args[0].input).toEqual(user);
    expect(cognito.commandCalls(AdminEnableUserCommand)[0]!.args[0].input).toEqual(user);
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0]!.args[0].input).toEqual(user);
  });

  it('the IAM actions CDK grants are exactly the commands the adapter sends', async () => {
    cognito.onAnyCommand().resolves({ User: { Attributes: [{ Name: 'sub', Value: SUB }] } });
    await directory.createGroup('g', 'd');
    await directory.createUser({ email: 'a@x.com', username: 'a' });
    await directory.deleteUser(SUB);
    await directory.addToGroup(SUB, 'g');
    await directory.removeFromGroup(SUB, 'g');
    await directory.disableUser(SUB);
    await directory.enableUser(SUB);
    const sent = cognito.calls().map((call) => `cognito-idp:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);
    expect([...new Set(sent)].sort()).toEqual([...cognitoDirectoryActions].sort());
  });
});
