import type { JsonValue } from './envelope.js';

/** A read model's folded state at a log position; `version` names the fold that produced it. */
export interface Snapshot {
  position: number;
  version: number;
  state: JsonValue;
}
