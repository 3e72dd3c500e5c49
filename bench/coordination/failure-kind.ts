import { BridgeClientError } from '../../src/client/index.js';

/** How a failed call is counted: the bridge's error code with its status, else the error's code or name. */
export function failureKind(error: unknown): string {
  if (error instanceof BridgeClientError) {
    return error.status === 0 ? error.code : `http_${error.status}_${error.code}`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'error';
}
