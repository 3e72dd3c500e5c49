import { compileNameGlobs } from '../paths/glob.js';
import type { Evidence } from '../types.js';
import { addressKinds } from './addresses.js';
import { compileSecrets } from './compile-content.js';
import type { RuleMatcher } from './compiled-rule.js';
import type { WebMatchSpec } from './rule-types.js';

export function compileWebMatch(spec: WebMatchSpec): RuleMatcher {
  const tools = spec.tools ? compileNameGlobs(spec.tools) : null;
  const schemes = spec.scheme ? new Set(spec.scheme.map((scheme) => scheme.toLowerCase())) : null;
  const hosts = spec.host ? compileNameGlobs(spec.host, true) : null;
  const addresses = spec.address ?? null;
  const query = spec.query?.secrets ? compileSecrets(spec.query.secrets) : null;
  const needsUrl = schemes !== null || hosts !== null || addresses !== null;
  return {
    kind: 'web',
    test(subject) {
      if (tools && !tools.test(subject.tool)) return null;
      const details: string[] = [];
      const url = subject.url;
      if (needsUrl && !url) return null;
      if (url) {
        const scheme = url.protocol.slice(0, -1);
        if (schemes && !schemes.has(scheme)) return null;
        if (hosts && !hosts.test(url.hostname)) return null;
        if (addresses) {
          const kinds = addressKinds(url.hostname);
          const kind = addresses.find((candidate) => kinds.has(candidate));
          if (!kind) return null;
          details.push(`${url.hostname} is a ${kind} address`);
        }
      }
      if (query) {
        const found = query([subject.query ?? url?.href ?? '']);
        if (found === null) return null;
        details.push(`${subject.query === null ? 'the URL' : 'the query'} holds ${found}`);
      }
      const evidence: Evidence = {};
      if (url) evidence.detail = url.href;
      if (details.length > 0)
        evidence.detail = [evidence.detail, ...details].filter(Boolean).join('; ');
      return evidence;
    },
  };
}
