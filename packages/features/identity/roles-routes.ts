import { listOf } from '#packages/core/common-schemas.ts';
import { CreateRole, Role, RoleListQuery, RoleParams, UpdateRole } from './roles-contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Roles';

export const createRole = defineRoute({
  operationId: 'createRole',
  method: 'POST',
  path: '/v1/roles',
  handler: 'identity/roles/create',
  permission: 'roles:manage',
  summary:
    'Create a custom role (and its Cognito group). Every permission must be one you hold and the level at most your own, else 403 permission_escalation',
  tag,
  request: { body: CreateRole },
  responses: { 201: { description: 'Created', schema: Role } },
  identityDirectory: true,
});

export const listRoles = defineRoute({
  operationId: 'listRoles',
  method: 'GET',
  path: '/v1/roles',
  handler: 'identity/roles/list',
  permission: 'users:read',
  summary: 'The built-in roles (read-only, first page) and the custom roles by name',
  tag,
  request: { query: RoleListQuery },
  responses: { 200: { description: 'A page of roles', schema: listOf(Role) } },
});

export const getRole = defineRoute({
  operationId: 'getRole',
  method: 'GET',
  path: '/v1/roles/{id}',
  handler: 'identity/roles/get',
  permission: 'users:read',
  summary: 'Get a role by custom role id or built-in name',
  tag,
  request: { params: RoleParams },
  responses: { 200: { description: 'The role', schema: Role } },
});

export const updateRole = defineRoute({
  operationId: 'updateRole',
  method: 'PATCH',
  path: '/v1/roles/{id}',
  handler: 'identity/roles/update',
  permission: 'roles:manage',
  summary:
    "Change a custom role's description, permissions or level (the name is fixed; built-in roles are read-only). Holders get the change within 30 s",
  tag,
  request: { params: RoleParams, body: UpdateRole },
  responses: { 200: { description: 'The changed role', schema: Role } },
});
