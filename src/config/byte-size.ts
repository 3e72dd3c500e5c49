const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i;

/** Reads `2048`, `512kb`, `1.5mb` (units of 1024) as a whole number of bytes; undefined if unreadable. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const [, amount = '', unit = ''] = match;
  return Math.floor(Number(amount) * (UNITS[unit.toLowerCase()] ?? 1));
}
