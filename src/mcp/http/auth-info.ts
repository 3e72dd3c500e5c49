import type { AuthInfo } from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';

/**
 * The caller as the SDK passes it to the server factory and handlers. The token was checked by
 * the bridge's own authentication; it is not carried further.
 */
export function authInfoOf(principal: Principal): AuthInfo {
  return { token: '', clientId: principal.agentId, scopes: [], extra: { principal } };
}

export function principalOf(authInfo: AuthInfo | undefined): Principal {
  const principal = authInfo?.extra?.principal as Principal | undefined;
  if (principal === undefined) throw new Error('an MCP exchange arrived without its caller');
  return principal;
}
