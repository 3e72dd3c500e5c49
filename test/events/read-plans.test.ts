import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueryPlans } from '../../bench/events/query-plan.js';
import { DATABASE_FILE, openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('read plans', () => {
  it('finds a narrow stream prefix through the stream index, not by walking every position', async () => {
    const dataDir = tempDir();
    const store = await openSqliteStore({ dataDir });
    for (let n = 0; n < 5; n++) {
      await store.appendToStream(`$agent-${n}`, [{ type: 'AgentRegistered', data: { n } }]);
    }
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          store.appendToStream(`work-${k}`, [{ type: 'Worked', data: { batch } }]),
        ),
      );
    }
    await store.close();
    // opened again, as a restarted bridge: everything is in the index, statistics are fresh
    const reopened = await openSqliteStore({ dataDir });
    const plans = new QueryPlans(path.join(dataDir, DATABASE_FILE));
    try {
      const plan = plans.explain({ streamPrefix: '$agent-', direction: 'backwards', limit: 100 });
      expect(plan.lines.join('\n')).toContain('keys_by_stream');
      expect(plan.lines.join('\n')).not.toMatch(/SEARCH k USING INTEGER PRIMARY KEY/);
      const page = await reopened.readAll({ streamPrefix: '$agent-', after: 1 });
      expect(page.events.map((event) => event.streamId)).toEqual([
        '$agent-1',
        '$agent-2',
        '$agent-3',
        '$agent-4',
      ]);
    } finally {
      plans.close();
      await reopened.close();
    }
  });
});
