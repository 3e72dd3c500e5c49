import type { Role } from './principal.js';

/** Everything a route can require. Add a permission here, then grant it to roles below. */
export const PERMISSIONS = [
  'events:read',
  'events:append',
  'agents:read',
  'agents:manage',
  'metrics:read',
  'guard:approve',
  'coordination:read',
  'coordination:act',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  builder: [
    'events:read',
    'events:append',
    'agents:read',
    'metrics:read',
    'coordination:read',
    'coordination:act',
  ],
  expert: [
    'events:read',
    'events:append',
    'agents:read',
    'metrics:read',
    'coordination:read',
    'coordination:act',
  ],
  observer: ['events:read', 'agents:read', 'metrics:read', 'coordination:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
