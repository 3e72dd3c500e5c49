/** A kind of secret recognised in text; `value` names the capture group holding the secret. */
export interface SecretDetector {
  kind: string;
  label: string;
  pattern: RegExp;
  /** Checked on the secret itself, for patterns that also match ordinary text. */
  plausible?: (secret: string) => boolean;
}

const PLACEHOLDER =
  /^\$|\$\{|\{\{|<|%\(|process\.env|os\.environ|getenv|example|changeme|change_me|placeholder|dummy|redacted|xxxx|\*\*\*\*|your[_-]|^(?:null|none|undefined|true|false|password|secret|token)$/i;

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

function looksRandom(secret: string): boolean {
  if (PLACEHOLDER.test(secret)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(secret)).length;
  return secret.length >= 10 && classes >= 2 && entropy(secret) >= 3.2;
}

const ASSIGNED = String.raw`["']?\s*[:=]\s*`;
const GENERIC_NAMES =
  '(?:password|passwd|passphrase|secret|api[_-]?key|apikey|auth[_-]?token|access[_-]?token|client[_-]?secret|private[_-]?key)';

/** Every kind the guard recognises; rules name them in `content.secrets`. */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    kind: 'private-key',
    label: 'a private key',
    pattern:
      /-----BEGIN[A-Z ]{0,30}PRIVATE KEY(?: BLOCK)?-----(?<value>[\s\S]*?(?:-----END[A-Z ]{0,30}PRIVATE KEY(?: BLOCK)?-----|$))/dg,
  },
  {
    kind: 'aws-access-key',
    label: 'an AWS access key id',
    pattern: /\b(?<value>(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b/dg,
  },
  {
    kind: 'aws-secret-key',
    label: 'an AWS secret access key',
    pattern: new RegExp(
      `(?:aws_secret_access_key|aws_secret_key|secretAccessKey|AWS_SECRET_ACCESS_KEY)${ASSIGNED}["']?(?<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
      'dg',
    ),
  },
  {
    kind: 'github-token',
    label: 'a GitHub token',
    pattern: /\b(?<value>(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}))\b/dg,
  },
  {
    kind: 'gitlab-token',
    label: 'a GitLab token',
    pattern: /\b(?<value>glpat-[A-Za-z0-9_-]{20,})/dg,
  },
  {
    kind: 'slack-token',
    label: 'a Slack token',
    pattern:
      /(?<value>\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,})/dg,
  },
  {
    kind: 'stripe-key',
    label: 'a Stripe live key',
    pattern: /\b(?<value>(?:sk|rk)_live_[A-Za-z0-9]{16,})\b/dg,
  },
  {
    kind: 'google-api-key',
    label: 'a Google API key',
    pattern: /\b(?<value>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/dg,
  },
  {
    kind: 'ai-api-key',
    label: 'an AI provider API key',
    pattern: /\b(?<value>sk-(?:ant|proj)-[A-Za-z0-9_-]{20,})/dg,
  },
  {
    kind: 'npm-token',
    label: 'an npm token',
    pattern: /\b(?<value>npm_[A-Za-z0-9]{36})\b/dg,
  },
  {
    kind: 'generic-secret',
    label: 'a password or secret assigned in plain text',
    // starts at the name rather than at the start of its word: scanning large files stays fast
    pattern: new RegExp(
      `${GENERIC_NAMES}[A-Za-z_]*${ASSIGNED}(?:"(?<dq>[^"\\s]{8,200})"|'(?<sq>[^'\\s]{8,200})')`,
      'dgi',
    ),
    plausible: looksRandom,
  },
  {
    kind: 'generic-secret',
    label: 'a password or secret assigned in plain text',
    pattern:
      /(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY)[A-Z_]*=(?<env>[^\s"'$]{8,200})[ \t]*$/dgm,
    plausible: looksRandom,
  },
];

/**
 * Text without any of these cannot hold a secret any detector finds: one pass over it spares
 * the detectors, which is what most command lines and files get.
 */
export const SECRET_HINT =
  /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|_live_|AIza|sk-(?:ant|proj)-|npm_|PRIVATE KEY|pass|secret|key|token/i;

export const SECRET_KINDS: readonly string[] = [
  ...new Set(SECRET_DETECTORS.map((detector) => detector.kind)),
];
