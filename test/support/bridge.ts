import { afterEach } from 'vitest';
import { type RunningBridge, startBridge } from '../../src/api/bridge.js';

/** Starts real bridges on random loopback ports; all are closed after the current test. */
export function useBridges(): (dataDir: string, port?: number) => Promise<RunningBridge> {
  const running: RunningBridge[] = [];
  afterEach(async () => {
    for (const bridge of running.splice(0)) await bridge.close();
  });
  return async (dataDir, port = 0) => {
    const bridge = await startBridge({ host: '127.0.0.1', port, dataDir, logLevel: 'silent' });
    running.push(bridge);
    return bridge;
  };
}
