export const ROLES = ['admin', 'builder', 'expert', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: bound on the server from the bearer token, never taken from a request body. */
export interface Principal {
  agentId: string;
  name: string;
  role: Role;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
