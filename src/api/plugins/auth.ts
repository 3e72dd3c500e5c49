import type { FastifyRequest } from 'fastify';
import { can, type Permission } from '../../agents/permissions.js';
import type { Principal } from '../../agents/principal.js';
import { BridgeError } from '../../events/errors.js';
import { appWide } from './app-wide.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without a token. */
    public?: boolean;
    /** Required of the caller's role; without it any authenticated caller is served. */
    permission?: Permission;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface Authenticator {
  authenticate(token: string): Promise<Principal | null>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The caller of a route that requires authentication. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new BridgeError('unauthenticated', 'this route requires a bearer token');
  return request.principal;
}

export const authPlugin = appWide<{ authenticator: Authenticator }>(
  async (app, { authenticator }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      // Unknown routes answer 404 whoever asks.
      if (request.is404) return;
      const { config } = request.routeOptions;
      if (config.public) return;
      const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
      if (!token) {
        throw new BridgeError('unauthenticated', 'send an Authorization: Bearer <token> header');
      }
      const principal = await authenticator.authenticate(token);
      if (!principal) throw new BridgeError('unauthenticated', 'the bearer token is not valid');
      if (config.permission && !can(principal.role, config.permission)) {
        throw new BridgeError(
          'forbidden',
          `role ${principal.role} lacks the permission ${config.permission}`,
        );
      }
      request.principal = principal;
    });
  },
);
