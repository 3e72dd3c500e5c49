import { SECRET_DETECTORS, SECRET_HINT, type SecretDetector } from './detectors.js';

export interface FoundSecret {
  kind: string;
  label: string;
  /** Where the secret itself lies in the text (not the name it was assigned to). */
  start: number;
  end: number;
}

const VALUE_GROUPS = ['value', 'dq', 'sq', 'env'] as const;

function secretRange(match: RegExpExecArray): [number, number] | undefined {
  for (const group of VALUE_GROUPS) {
    const range = match.indices?.groups?.[group];
    if (range) return range;
  }
  return undefined;
}

function scanWith(detector: SecretDetector, text: string, found: FoundSecret[], all: boolean) {
  const pattern = detector.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex += 1;
    const range = secretRange(match);
    if (!range) continue;
    const [start, end] = range;
    if (detector.plausible && !detector.plausible(text.slice(start, end))) continue;
    found.push({ kind: detector.kind, label: detector.label, start, end });
    if (!all) return;
  }
}

/** The first secret of each wanted kind found in the text (every kind when none are named). */
export function findSecrets(text: string, kinds?: ReadonlySet<string>): FoundSecret[] {
  const found: FoundSecret[] = [];
  if (!SECRET_HINT.test(text)) return found;
  for (const detector of SECRET_DETECTORS) {
    if (kinds && !kinds.has(detector.kind)) continue;
    scanWith(detector, text, found, false);
  }
  return found;
}

/** The text with every secret replaced by `[REDACTED:<kind>]`; for anything that gets recorded. */
export function redactSecrets(text: string): string {
  if (!SECRET_HINT.test(text)) return text;
  const found: FoundSecret[] = [];
  for (const detector of SECRET_DETECTORS) scanWith(detector, text, found, true);
  if (found.length === 0) return text;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let result = '';
  let at = 0;
  for (const secret of found) {
    if (secret.start < at) continue;
    result += `${text.slice(at, secret.start)}[REDACTED:${secret.kind}]`;
    at = secret.end;
  }
  return result + text.slice(at);
}

/** Every string inside a JSON-like value redacted, keys and structure kept. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactValue(item)]),
    ) as T;
  }
  return value;
}
