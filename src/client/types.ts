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

/** A blob as stored: named by the sha256 of its bytes. */
export interface StoredBlob {
  hash: string;
  size: number;
}
