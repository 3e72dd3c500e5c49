import { redactSecrets } from '../secrets/scan.js';

/** Longest text of one field the audit keeps; inputs such as written files can be megabytes. */
export const MAX_RECORDED_TEXT = 8 * 1024;

/** Text fit for the log: secrets redacted first (so no cut can expose part of one), then bounded. */
export function recordedText(
  text: string,
  limit = MAX_RECORDED_TEXT,
): { text: string; truncated: boolean } {
  const redacted = redactSecrets(text);
  if (redacted.length <= limit) return { text: redacted, truncated: false };
  return {
    text: `${redacted.slice(0, limit)}…[${redacted.length - limit} more characters]`,
    truncated: true,
  };
}
