import { ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { CreateUser, Me, UpdateUser, User, UserParams } from './users-contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Users';

export const createUser = defineRoute({
  operationId: 'createUser',
  method: 'POST',
  path: '/v1/users',
  handler: 'identity/users/create',
  permission: 'users:manage',
  summary:
    'Create a staff user: deployed, a Cognito user invited by email in the group of the role. A role granting more than you hold is 403 permission_escalation; a username or email in use is 409 duplicate',
  tag,
  request: { body: CreateUser },
  responses: { 201: { description: 'Created', schema: User } },
  identityDirectory: true,
});

export const listUsers = defineRoute({
  operationId: 'listUsers',
  method: 'GET',
  path: '/v1/users',
  handler: 'identity/users/list',
  permission: 'users:read',
  summary: 'List users by username',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of users', schema: listOf(User) } },
});

export const getMe = defineRoute({
  operationId: 'getMe',
  method: 'GET',
  path: '/v1/users/me',
  handler: 'identity/users/me',
  permission: 'users:read',
  summary: "The caller: roles, effective permissions, level and user record (null for a token without one)",
  tag,
  responses: { 200: { description: 'The caller', schema: Me } },
});

export const getUser = defineRoute({
  operationId: 'getUser',
  method: 'GET',
  path: '/v1/users/{id}',
  handler: 'identity/users/get',
  permission: 'users:read',
  summary: 'Get a user',
  tag,
  request: { params: UserParams },
  responses: { 200: { description: 'The user', schema: User } },
});

export const updateUser = defineRoute({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/v1/users/{id}',
  handler: 'identity/users/update',
  permission: 'users:manage',
  summary:
    "Change a user's role (moves the Cognito group), department, manager (must exist, no loops) or status (disabled users get 403 user_disabled within 30 s)",
  tag,
  request: { params: UserParams, body: UpdateUser },
  responses: { 200: { description: 'The changed user', schema: User } },
  identityDirectory: true,
});

export const disableUser = defineRoute({
  operationId: 'disableUser',
  method: 'DELETE',
  path: '/v1/users/{id}',
  handler: 'identity/users/disable',
  permission: 'users:manage',
  summary: 'Disable a user (users are never deleted: their id stays in audit trails); the Cognito user is disabled too',
  tag,
  request: { params: UserParams },
  responses: { 200: { description: 'The disabled user', schema: User } },
  identityDirectory: true,
});
