/** Milliseconds since the epoch; injected so that tests and replays control time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export function isoAt(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function epochOf(iso: string): number {
  return Date.parse(iso);
}
