import type { JsonObject, NewEvent } from '../../src/events/envelope.js';

const PATHS = [
  'src/coordination/tasks/service.ts',
  'src/guard/rules/shell-commands.ts',
  'src/events/sqlite/writer.ts',
  'web/dashboard/timeline.tsx',
  'test/agents/credentials.test.ts',
  'docs/architecture/leases.md',
];

const SUMMARIES = [
  'Replaced the retry loop with a single conditional append and a clearer conflict error',
  'Tightened the path check so that symlinks outside the project root are refused early',
  'Split the lease expiry into its own fold; the inbox no longer re-reads the whole stream',
  'Added the missing await on shutdown so in-flight appends finish before the store closes',
];

/**
 * The data of a typical agent event (a file edit with a summary), about 300 bytes of JSON.
 * Varies with `seq` so consecutive events are not byte-identical.
 */
export function sampleEventData(seq: number): JsonObject {
  return {
    tool: 'Edit',
    path: PATHS[seq % PATHS.length] as string,
    summary: SUMMARIES[seq % SUMMARIES.length] as string,
    linesAdded: (seq * 7) % 120,
    linesRemoved: (seq * 3) % 40,
    durationMs: 5 + (seq % 400),
    sessionId: `session-${(seq % 97).toString(36).padStart(4, '0')}`,
    cwd: '/home/dev/projects/lighthouse',
    branch: `feature/agent-${seq % 13}`,
    seq,
  };
}

export interface SampleEventOptions {
  seq: number;
  correlationId: string;
  /** Left out over HTTP, where the bridge stamps the caller's identity. */
  agentId?: string;
  type?: string;
  /** Merged into the data, e.g. a send timestamp. */
  extraData?: JsonObject;
}

/** A realistic small event: ~300 bytes of data, metadata with agentId and correlationId. */
export function sampleEvent(options: SampleEventOptions): NewEvent {
  return {
    type: options.type ?? 'FileEdited',
    data: { ...sampleEventData(options.seq), ...options.extraData },
    metadata: {
      ...(options.agentId === undefined ? {} : { agentId: options.agentId }),
      correlationId: options.correlationId,
    },
  };
}
