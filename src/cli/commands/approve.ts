import type { BridgeClient } from '../../client/index.js';

interface ApprovalAnswer {
  code: string;
  agent: string;
  tool: string;
  summary: string;
  expiresAt: string;
}

/** Allows the denied call behind a code once; the bridge records who approved it. */
export async function approveCode(client: BridgeClient, code: string): Promise<void> {
  const approval = await client.request<ApprovalAnswer>('POST', '/v1/guard/approvals', {
    body: { code },
  });
  process.stdout.write(
    `approved ${approval.code}: ${approval.agent} may run this ${approval.tool} call once, until ${approval.expiresAt}\n  ${approval.summary}\n`,
  );
}
