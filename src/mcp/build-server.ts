import { McpServer } from '@modelcontextprotocol/server';
import type { Principal } from '../agents/principal.js';
import { registerResources } from './resources/register.js';
import type { McpServices } from './services.js';
import { registerTools } from './tools/define-tool.js';
import { ALL_TOOLS } from './tools/index.js';

const INSTRUCTIONS = `Lighthouse Bridge coordinates the agents working on this project and records everything they do.
You are the agent your token names; every call acts as you.
Start with bridge_status: it shows what waits for you (messages, questions, tasks, reviews).
Before a risky command, guard_check tells whether the guard would allow it and why.
Lease files before changing them (lease_files) and release them when done.
Read your inbox (read_inbox, or subscribe to your inbox resource) and acknowledge what you handled.`;

/**
 * The MCP server one agent talks to: the tools its role may use and the resources it may read,
 * over the bridge's own services. Cheap to build; the HTTP entry builds one per session (2025
 * revisions) or per request (2026-07-28).
 */
export function buildMcpServer(services: McpServices, principal: Principal): McpServer {
  const server = new McpServer(services.serverInfo, {
    capabilities: {
      tools: { listChanged: false },
      resources: { subscribe: true, listChanged: true },
    },
    instructions: INSTRUCTIONS,
  });
  registerTools(server, principal, services, ALL_TOOLS);
  registerResources(server, principal, services);
  return server;
}
