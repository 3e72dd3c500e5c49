/** A rule that passed the schema but cannot be compiled; `key` is the path inside the rule. */
export class RuleCompileError extends Error {
  constructor(
    readonly key: readonly (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'RuleCompileError';
  }
}

export function compileRegExp(
  source: string,
  flags: string,
  key: readonly (string | number)[],
): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new RuleCompileError(
      key,
      `is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}
