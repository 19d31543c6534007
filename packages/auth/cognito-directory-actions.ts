/**
 * The cognito-idp actions CognitoIdentityDirectory calls, one per command.
 * CDK grants exactly these on the tenant's user pool to the functions whose
 * routes say `identityDirectory: true`; a unit test ties them to the commands.
 */
export const cognitoDirectoryActions = [
  'cognito-idp:CreateGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
] as const;
