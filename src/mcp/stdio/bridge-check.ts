/** Why the stdio relay cannot start; the message says what to do about it. */
export class RelayStartError extends Error {
  override name = 'RelayStartError';
}

const CHECK_TIMEOUT_MS = 5000;

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * Checks, before any MCP traffic, that the bridge answers and accepts the token; resolves with
 * the name of the token's agent. Fails with a message naming the bridge and the fix.
 */
export async function checkBridge(base: string, token: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(new URL('v1/agents/me', base), {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch (error) {
    throw new RelayStartError(
      `cannot reach the Lighthouse bridge at ${base} (${causeOf(error)}). Start it with \`lighthouse-bridge serve\`, or set LIGHTHOUSE_URL to where it runs.`,
    );
  }
  const body = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new RelayStartError(
      `the bridge at ${base} refused LIGHTHOUSE_TOKEN (${response.status}). Use the token \`lighthouse-bridge agent add NAME --role builder\` printed for this agent.`,
    );
  }
  if (response.status >= 500) {
    throw new RelayStartError(
      `the bridge at ${base} failed (${response.status}): ${body.slice(0, 200)}`,
    );
  }
  // The bootstrap admin has no directory entry; any other answer means the token was accepted.
  return response.ok
    ? ((JSON.parse(body) as { name?: string }).name ?? 'this token')
    : 'this token';
}
