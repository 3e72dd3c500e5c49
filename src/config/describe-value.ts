const MAX_SHOWN = 80;

/** A value as it appears after "got" in a message; secrets are described, never shown. */
export function describeValue(value: unknown, secret = false): string {
  if (secret) {
    return typeof value === 'string'
      ? `a value of ${value.length} characters`
      : `a ${typeName(value)}`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** Type names as a yaml author knows them. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}
