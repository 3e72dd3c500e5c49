import { describe, expect, it } from 'vitest';
import { findSecrets, redactSecrets, redactValue } from '../../src/guard/index.js';
import { SECRET_HINT } from '../../src/guard/secrets/detectors.js';
import { SAMPLE } from './cases/secrets.js';

describe('secret detection', () => {
  it.each([
    ['an AWS access key id', `key=${SAMPLE.aws}`, 'aws-access-key'],
    ['an AWS secret key', `aws_secret_access_key = ${SAMPLE.awsSecret}`, 'aws-secret-key'],
    ['a GitHub token', `token ${SAMPLE.github}`, 'github-token'],
    ['a GitHub fine-grained token', `github_pat_${'A1b2C3d4E5f6G7h8I9j0K1'}`, 'github-token'],
    ['a GitLab token', SAMPLE.gitlab, 'gitlab-token'],
    ['a Slack token', SAMPLE.slack, 'slack-token'],
    [
      'a Slack webhook',
      `https://hooks.slack.com/services/${'T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX'}`,
      'slack-token',
    ],
    ['a Stripe live key', SAMPLE.stripe, 'stripe-key'],
    ['an npm token', SAMPLE.npm, 'npm-token'],
    ['a Google API key', `AIza${'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'}`, 'google-api-key'],
    ['an Anthropic key', `sk-ant-${'api03-AbCdEfGhIjKlMnOpQrStUv'}`, 'ai-api-key'],
    ['a private key', SAMPLE.privateKey, 'private-key'],
    ['a quoted password', `password: "${SAMPLE.password}"`, 'generic-secret'],
    ['an env-file secret', `DB_PASSWORD=${'Zx9kQ2mW8vLp'}`, 'generic-secret'],
    ['an exported token', `export API_TOKEN=${'h7Gk2PqX9wLm4Rt'}`, 'generic-secret'],
  ])('finds %s', (_what, text, kind) => {
    expect(findSecrets(text).map((secret) => secret.kind)).toContain(kind);
  });

  it.each([
    ['a placeholder', 'password = "changeme123"'],
    ['an environment lookup', 'const password = process.env.DB_PASSWORD;'],
    ['a template variable', `password: "\${DB_PASSWORD}"`],
    ['a short value', 'password = "abc"'],
    ['a word, not random', 'password = "passwordpassword"'],
    ['prose about tokens', 'Set GITHUB_TOKEN to your token before running.'],
    ['a prefix check', 'if (token.startsWith("ghp_")) return;'],
    [
      'a public key',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl dev@host',
    ],
    ['a git commit hash', 'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904'],
    ['a UUID', 'id: 123e4567-e89b-12d3-a456-426614174000'],
  ])('leaves %s alone', (_what, text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it('redacts every secret and keeps the rest of the text', () => {
    const text = `aws=${SAMPLE.aws} gh=${SAMPLE.github}\npassword = "${SAMPLE.password}"`;
    const redacted = redactSecrets(text);
    expect(redacted).toBe(
      'aws=[REDACTED:aws-access-key] gh=[REDACTED:github-token]\npassword = "[REDACTED:generic-secret]"',
    );
  });

  it('redacts a private key from its header to its end', () => {
    expect(redactSecrets(`before\n${SAMPLE.privateKey}\nafter`)).toBe(
      'before\n-----BEGIN OPENSSH PRIVATE KEY-----[REDACTED:private-key]\nafter',
    );
  });

  it('redacts strings anywhere in a JSON value', () => {
    expect(redactValue({ a: [SAMPLE.github, 1], b: { c: `x ${SAMPLE.aws}` }, d: null })).toEqual({
      a: ['[REDACTED:github-token]', 1],
      b: { c: 'x [REDACTED:aws-access-key]' },
      d: null,
    });
  });

  it('leaves text without secrets as it is', () => {
    const text = 'npm test && git push origin feature';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('the secret hint', () => {
  // findSecrets consults the hint first, so every row of 'finds …' above also proves the hint
  // lets that kind through; these are the spellings most at risk of slipping past it
  it.each([
    ['aws-secret-key', `aws_secret_access_key=${SAMPLE.awsSecret}`],
    ['generic-secret', `DB_PASSWD=${'Zx9kQ2mW8vLp'}`],
    ['ai-api-key', `sk-proj-${'AbCdEfGhIjKlMnOpQrStUv'}`],
  ])('lets %s through', (_kind, text) => {
    expect(SECRET_HINT.test(text)).toBe(true);
    expect(findSecrets(text)).not.toEqual([]);
  });

  it('skips text with no hint at all', () => {
    expect(SECRET_HINT.test('npm run build && git push origin feature/x')).toBe(false);
  });
});
