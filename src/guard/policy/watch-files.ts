import { existsSync, type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

export interface FileWatch {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when any of the files is created, changed, replaced or removed.
 * Directories are watched rather than files, so editors that save by renaming are seen too; a
 * directory that does not exist yet is waited for in its nearest existing parent.
 */
export function watchFiles(
  files: readonly string[],
  onChange: () => void,
  debounceMs: number,
): FileWatch {
  let watchers: FSWatcher[] = [];
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

  /**
   * The directory to watch for a file and the name in it that leads to the file; `waiting` when
   * that name is a missing directory on the way, whose appearance calls for watching anew.
   */
  const targetOf = (file: string) => {
    let child = file;
    let dir = path.dirname(file);
    while (!existsSync(dir) && path.dirname(dir) !== dir) {
      child = dir;
      dir = path.dirname(dir);
    }
    return { dir, name: path.basename(child), waiting: child !== file };
  };

  const arm = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    if (closed) return;
    const wantedByDir = new Map<string, Map<string, boolean>>();
    for (const file of files) {
      const { dir, name, waiting } = targetOf(file);
      const wanted = wantedByDir.get(dir) ?? new Map<string, boolean>();
      wanted.set(name, waiting || (wanted.get(name) ?? false));
      wantedByDir.set(dir, wanted);
    }
    for (const [dir, wanted] of wantedByDir) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, filename) => {
          const name = filename?.toString();
          // the directory itself went away: watch its parent for its return
          const gone = name === path.basename(dir) && !existsSync(dir);
          if (name !== undefined && !wanted.has(name) && !gone) return;
          if (name === undefined || wanted.get(name) || gone) arm();
          schedule();
        });
        watcher.on('error', () => {
          arm();
          schedule();
        });
        watchers.push(watcher);
      } catch {
        // the directory vanished between the check and the watch; its parent is watched next time
      }
    }
  };

  arm();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      watchers = [];
    },
  };
}
