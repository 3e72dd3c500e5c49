/** A bridge answer with an error status, or a transport failure (status 0). */
export class BridgeClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeClientError';
  }
}
