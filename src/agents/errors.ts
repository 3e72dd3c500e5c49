import { BridgeError } from '../events/errors.js';

export class AgentExistsError extends BridgeError {
  constructor(name: string) {
    super('agent_exists', `an agent named ${name} is already registered`, { name });
  }
}

export class AgentNotFoundError extends BridgeError {
  constructor(agentIdOrName: string) {
    super('agent_not_found', `no agent has the id or name ${agentIdOrName}`, {
      agent: agentIdOrName,
    });
  }
}

/** A register request that breaks a rule of names, roles, capabilities or descriptions. */
export class InvalidAgentError extends BridgeError {
  constructor(message: string, field: string) {
    super('invalid_agent', message, { field });
  }
}
