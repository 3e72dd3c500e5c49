import type { Role } from './principal.js';

/** Everything a route can require. Add a permission here, then grant it to roles below. */
export const PERMISSIONS = [
  'events:read',
  'events:append',
  'agents:read',
  'agents:manage',
  'metrics:read',
  'guard:approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  builder: ['events:read', 'events:append', 'agents:read', 'metrics:read'],
  expert: ['events:read', 'events:append', 'agents:read', 'metrics:read'],
  observer: ['events:read', 'agents:read', 'metrics:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
