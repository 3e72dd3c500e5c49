import { existsSync, type FSWatcher, watch } from 'node:fs';

export interface FileWatch {
  close(): void;
}

/** How often a policy file that does not exist is looked for. */
const MISSING_FILE_POLL_MS = 500;

/**
 * Calls `onChange` (debounced) when any of the files is created, changed, replaced or removed.
 * Each file is watched by itself, never through its directory: the policy's directory is also
 * the bridge's data directory, where every commit writes, and a directory watch would wake the
 * bridge for each of those writes.
 */
export function watchFiles(
  files: readonly string[],
  onChange: () => void,
  debounceMs: number,
): FileWatch {
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) onChange();
    }, debounceMs);
    timer.unref();
  };

  const follows = files.map((file) => followFile(file, schedule));
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const follow of follows) follow.close();
    },
  };
}

/**
 * Follows one file: its inode while it exists, and a stat poll while it does not. Any event on
 * the inode (written, replaced by a rename, removed) watches the path afresh, so editors that
 * save by renaming are followed too.
 */
function followFile(file: string, onEvent: () => void): FileWatch {
  let watcher: FSWatcher | null = null;
  let poll: NodeJS.Timeout | null = null;
  let closed = false;

  const stopPolling = () => {
    if (poll) clearInterval(poll);
    poll = null;
  };

  /**
   * Each look compares the path as it is now with the look before, the first one included: a
   * file created just before polling started is seen at once.
   */
  const startPolling = () => {
    if (poll) return;
    let present = false;
    const look = () => {
      const now = existsSync(file);
      const appeared = now && !present;
      present = now;
      if (!appeared) return;
      arm();
      onEvent();
    };
    poll = setInterval(look, MISSING_FILE_POLL_MS);
    poll.unref();
    look();
  };

  const onInodeEvent = () => {
    arm();
    onEvent();
  };

  function arm(): void {
    watcher?.close();
    watcher = null;
    if (closed) return;
    try {
      watcher = watch(file, { persistent: false }, onInodeEvent);
      watcher.on('error', onInodeEvent);
      stopPolling();
    } catch {
      startPolling();
    }
  }

  arm();
  return {
    close() {
      closed = true;
      watcher?.close();
      watcher = null;
      stopPolling();
    },
  };
}
