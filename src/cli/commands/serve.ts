import { startBridge } from '../../api/bridge.js';
import { guardSettingsFrom } from '../../api/plugins/guard-setup.js';
import type { BridgeConfig } from '../../config/index.js';

function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/**
 * Runs the bridge until SIGTERM or SIGINT, then shuts it down gracefully. The signal handlers
 * are in place before startup, so a stop request during startup is honoured too; a second
 * signal during shutdown ends the process at once.
 */
export async function runServe(config: BridgeConfig): Promise<void> {
  const stopSignal = firstStopSignal();
  const bridge = await startBridge({
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    adminToken: config.adminToken ?? undefined,
    bodyLimitBytes: config.bodyLimitBytes,
    metricsPublic: config.metrics.public,
    logLevel: config.logLevel,
    projectRoot: config.projectRoot,
    guard: guardSettingsFrom(config),
  });
  if (bridge.adminTokenCreated) {
    process.stderr.write(
      `admin token (shown once, also in ${config.dataDir}/admin.token):\n${bridge.adminToken}\n`,
    );
  }
  process.stderr.write(`lighthouse-bridge listening on ${bridge.url} (data: ${config.dataDir})\n`);
  const signal = await stopSignal;
  process.stderr.write(`${signal}: finishing requests in flight, then closing the store\n`);
  await bridge.close();
}
