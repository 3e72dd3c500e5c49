import type { Socket } from 'node:net';
import { appWide } from './app-wide.js';

/**
 * Node's server.close() ends only the connections idle at that moment. A keep-alive connection
 * whose request is still in flight stays open after its response, and one that connected but has
 * not sent a request yet does not count as idle; either would hold shutdown until the client or a
 * timeout closes it. Once closing starts, this ends each connection as soon as no response of
 * its own is in flight.
 */
export const connectionDrainPlugin = appWide(async (app) => {
  const inFlight = new Map<Socket, number>();
  let closing = false;
  const endIfIdle = (socket: Socket) => {
    if (closing && !inFlight.get(socket)) socket.end();
  };
  app.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  app.server.on('request', (request, response) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      if (inFlight.has(socket)) inFlight.set(socket, (inFlight.get(socket) ?? 1) - 1);
      endIfIdle(socket);
    });
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of inFlight.keys()) endIfIdle(socket);
  });
});
