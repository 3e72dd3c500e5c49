import type { Role } from '../agents/principal.js';

export interface AgentCredentials {
  agentId: string;
  name: string;
  role: Role;
  token: string;
}

export interface AgentSummary {
  agentId: string;
  name: string;
  role: Role;
  capabilities: string[];
  description: string;
  activeTokens: number;
}

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
