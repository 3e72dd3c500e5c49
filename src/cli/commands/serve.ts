import { startBridge } from '../../api/bridge.js';
import type { BridgeConfig } from '../../config/index.js';

/** Runs the bridge until SIGTERM or SIGINT, then shuts it down gracefully. */
export async function runServe(config: BridgeConfig): Promise<void> {
  const bridge = await startBridge({
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    adminToken: config.adminToken ?? undefined,
    bodyLimitBytes: config.bodyLimitBytes,
    metricsPublic: config.metrics.public,
    logLevel: config.logLevel,
  });
  process.stderr.write(`lighthouse-bridge listening on ${bridge.url} (data: ${config.dataDir})\n`);
  if (bridge.adminTokenCreated) {
    process.stderr.write(
      `admin token (shown once, also in ${config.dataDir}/admin.token):\n${bridge.adminToken}\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`${signal}: finishing requests in flight, then closing the store\n`);
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      bridge.close().then(resolve, (error: unknown) => {
        process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
