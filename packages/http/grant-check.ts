import { escalationOf } from '#packages/auth/escalation.ts';
import type { Principal } from '#packages/auth/principal.ts';
import type { GrantCheck } from '#packages/features/identity/role-service.ts';
import { HttpProblem } from './problem.ts';

/**
 * "Nobody can grant a permission they do not hold": the check the roles and
 * users services run on every role they are asked to create, change or
 * assign. A refusal is 403 `permission_escalation` naming what was missing.
 */
export function grantCheckFor(principal: Principal): GrantCheck {
  return (role) => {
    const escalation = escalationOf(principal, role);
    if (!escalation) return;
    const reasons = [
      ...(escalation.permissions.length ? [`permissions you do not hold: ${escalation.permissions.join(', ')}`] : []),
      ...(escalation.level ? [`level ${escalation.level.requested} is above your own (${escalation.level.allowed})`] : []),
    ];
    throw new HttpProblem({
      status: 403,
      code: 'permission_escalation',
      title: 'Forbidden',
      detail: `The role "${role.name}" would grant more than you have: ${reasons.join('; ')}`,
      extra: { permissions: escalation.permissions, ...(escalation.level && { level: escalation.level }) },
    });
  };
}
