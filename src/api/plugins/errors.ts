import type { FastifyError } from 'fastify';
import { BridgeError } from '../../events/errors.js';
import { appWide } from './app-wide.js';

/** HTTP status of each error code. A domain refusal whose code is not listed is a 400. */
const STATUS_BY_CODE: Record<string, number> = {
  invalid_request: 400,
  invalid_input: 400,
  invalid_agent: 400,
  invalid_address: 400,
  invalid_schema: 400,
  invalid_answer: 400,
  invalid_path: 400,
  no_recipients: 400,
  attachment_not_found: 400,
  unauthenticated: 401,
  forbidden: 403,
  identity_mismatch: 403,
  reserved_stream: 403,
  not_addressee: 403,
  not_asker: 403,
  not_recipient: 403,
  not_claimant: 403,
  not_holder: 403,
  own_request: 403,
  not_found: 404,
  agent_not_found: 404,
  wrong_expected_revision: 409,
  idempotency_conflict: 409,
  agent_exists: 409,
  already_exists: 409,
  already_answered: 409,
  already_closed: 409,
  already_claimed: 409,
  already_decided: 409,
  already_resolved: 409,
  already_promoted: 409,
  not_resolved: 409,
  blocked: 409,
  lease_conflict: 409,
  expired: 410,
  body_too_large: 413,
  unsupported_media_type: 415,
  integrity_fault: 500,
  internal_error: 500,
  store_closed: 503,
  not_ready: 503,
};

/** Codes for errors Fastify raises itself, by the status it gives them. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

export interface ErrorBody {
  /** `details` names what was wrong (a field, the holder of a lease) when the refusal says. */
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function toHttp(error: FastifyError | BridgeError): { status: number; body: ErrorBody } {
  if (error instanceof BridgeError) {
    const status = STATUS_BY_CODE[error.code] ?? 400;
    if (status >= 500 && status !== 503) {
      return { status, body: { error: { code: error.code, message: 'internal error' } } };
    }
    const details = error.details === undefined ? {} : { details: error.details };
    return { status, body: { error: { code: error.code, message: error.message, ...details } } };
  }
  if (error.validation) {
    return { status: 400, body: { error: { code: 'invalid_request', message: error.message } } };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    return { status: 500, body: { error: { code: 'internal_error', message: 'internal error' } } };
  }
  const code = CODE_BY_STATUS[status] ?? 'invalid_request';
  const message =
    status === 413 ? 'the request body is larger than the server accepts' : error.message;
  return { status, body: { error: { code, message } } };
}

export const errorsPlugin = appWide(async (app) => {
  app.setErrorHandler<FastifyError | BridgeError>((error, request, reply) => {
    const { status, body } = toHttp(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'not_found',
        message: `no route for ${request.method} ${request.url.split('?')[0]}`,
      },
    }),
  );
});
