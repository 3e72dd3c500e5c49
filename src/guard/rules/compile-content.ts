import { SECRET_KINDS } from '../secrets/detectors.js';
import { findSecrets } from '../secrets/scan.js';
import { compileRegExp } from './compile-error.js';
import type { ContentSpec, SecretsSpec } from './rule-types.js';

/** Finds what a content condition looks for in a text; returns a description, never the text. */
export type ContentTest = (texts: readonly string[]) => string | null;

export function compileSecrets(spec: SecretsSpec): ContentTest {
  const kinds = new Set(spec === 'any' ? SECRET_KINDS : spec);
  return (texts) => {
    for (const text of texts) {
      const [found] = findSecrets(text, kinds);
      if (found) return `${found.label} (${found.kind})`;
    }
    return null;
  };
}

export function compileContent(spec: ContentSpec, key: (string | number)[]): ContentTest {
  const secrets = spec.secrets ? compileSecrets(spec.secrets) : null;
  const pattern = spec.pattern ? compileRegExp(spec.pattern, 'm', [...key, 'pattern']) : null;
  return (texts) => {
    let found: string | null = null;
    if (secrets) {
      found = secrets(texts);
      if (found === null) return null;
    }
    if (pattern) {
      if (!texts.some((text) => pattern.test(text))) return null;
      found ??= `text matching /${pattern.source}/`;
    }
    return found;
  };
}
