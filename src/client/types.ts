import type { Role } from '../agents/principal.js';

export type { AgentCredentials, AgentSummary } from '../agents/service.js';

export interface RegisterAgentRequest {
  name: string;
  role: Role;
  capabilities?: string[];
  description?: string;
}

export interface HealthAnswer {
  status: string;
  version: string;
  uptimeSeconds: number;
}
