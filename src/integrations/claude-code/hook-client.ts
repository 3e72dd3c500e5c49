import { request as httpRequest } from 'node:http';

export interface HookAnswer {
  status: number;
  body: string;
}

/** Largest answer read from the bridge; a hook answer is a few hundred bytes. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * POSTs a hook body to the bridge with nothing but node:http (this runs in a process started per
 * tool call, where loading an HTTP client library would cost more than the call). Resolves with
 * the answer, or rejects with why there is none: refused, timed out, too large, not HTTP.
 */
export async function postHook(
  url: string,
  token: string | undefined,
  body: string,
  timeoutMs: number,
): Promise<HookAnswer> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            outgoing.destroy(new Error('the answer is too large'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    outgoing.on('error', reject);
    outgoing.on('close', () => clearTimeout(timer));
    outgoing.end(body);
  });
}
