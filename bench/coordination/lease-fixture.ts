import type { Principal } from '../../src/agents/principal.js';
import { AgentRegistry } from '../../src/agents/registry.js';
import { AgentService } from '../../src/agents/service.js';
import { LeaseService } from '../../src/coordination/leases/service.js';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import type { Cleanup } from '../events/cleanup.js';

const HOLDERS = 20;
const AREAS = 10;

/**
 * The paths of the n-th lease, all different from every other lease's: a file, a folder, a glob
 * under a folder, or a pair of documents, in turn, spread over ten areas of the project.
 */
export function leasePaths(n: number): string[] {
  const area = n % AREAS;
  switch (n % 4) {
    case 0:
      return [`src/area-${area}/module-${n}/index.ts`];
    case 1:
      return [`src/area-${area}/module-${n}`];
    case 2:
      return [`src/area-${area}/module-${n}/**/*.test.ts`];
    default:
      return [`docs/area-${area}/topic-${n}.md`, `docs/area-${area}/topic-${n}.png`];
  }
}

/** The lease of `LEASED_FOLDER`: it is held once more leases than this are. */
export const LEASED_FOLDER_LEASE = 1;
/** A folder that `leasePaths(LEASED_FOLDER_LEASE)` leases: writes beneath it meet another agent's lease. */
export const LEASED_FOLDER = 'src/area-1/module-1';
/** A folder no lease covers, beside the leased ones: the common case of a write. */
export const FREE_FOLDER = 'src/area-3/module-free';
/** A folder with a glob of another agent's beneath it (`leasePaths(2)`) that ordinary files miss. */
export const NEAR_MISS_FOLDER = 'src/area-2/module-2';

/**
 * The bridge's lease service on a real store of its own, with twenty holder agents taking leases
 * through it (so every lease passed the conflict check) and one writer agent that holds none.
 */
export class LeaseFixture {
  private held = 0;

  private constructor(
    readonly leases: LeaseService,
    readonly writer: Principal,
    private readonly holders: Principal[],
  ) {}

  static async open(dataDir: string, projectRoot: string, cleanup: Cleanup): Promise<LeaseFixture> {
    const store = await openSqliteStore({ dataDir });
    cleanup.add(() => store.close());
    const registry = new AgentRegistry(store);
    await registry.start();
    cleanup.add(() => registry.stop());
    const agents = new AgentService(store, registry);
    const principal = async (name: string): Promise<Principal> => {
      const { agentId, role } = await agents.register({ name, role: 'builder' });
      return { agentId, name, role };
    };
    const holders: Principal[] = [];
    for (let n = 0; n < HOLDERS; n++) holders.push(await principal(`holder-${n}`));
    const writer = await principal('writer');
    const leases = new LeaseService(store, registry, { projectRoot });
    await leases.start();
    cleanup.add(() => leases.close());
    return new LeaseFixture(leases, writer, holders);
  }

  /** Leases held now. */
  get count(): number {
    return this.held;
  }

  /** Takes leases, one after another as agents would, until `count` are held. */
  async growTo(count: number): Promise<void> {
    for (; this.held < count; this.held++) {
      const holder = this.holders[this.held % this.holders.length] as Principal;
      await this.leases.acquire(holder, { paths: leasePaths(this.held), reason: 'bench' });
    }
  }
}
