export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The file read from the project root; optional. */
export const CONFIG_FILE_NAME = 'lighthouse.yaml';
/** The data directory inside the project root when none is configured. */
export const DEFAULT_DATA_DIR_NAME = '.lighthouse';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** The bridge's configuration after flags, environment, lighthouse.yaml and defaults are merged. */
export interface BridgeConfig {
  readonly host: string;
  /** 0 asks the system for a free port. */
  readonly port: number;
  /** Absolute path of an existing directory. */
  readonly projectRoot: string;
  /** Absolute path; the directory may not exist yet. */
  readonly dataDir: string;
  /** Bootstrap admin bearer token, or null to have one generated on first start. */
  readonly adminToken: string | null;
  /** A postgres:// URL selecting the PostgreSQL store, or null for the embedded SQLite store. */
  readonly databaseUrl: string | null;
  /** `public`: whether /metrics answers without auth. */
  readonly metrics: { readonly public: boolean };
  readonly bodyLimitBytes: number;
  readonly logLevel: LogLevel;
  /** Absolute path of the lighthouse.yaml that was read, or null when there was none. */
  readonly configFile: string | null;
  /** Values of the sections other modules registered, by section name, when the yaml has them. */
  readonly sections: Readonly<Record<string, unknown>>;
}
