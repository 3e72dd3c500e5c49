import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this module holding a package.json: the package's root. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  let directory = here;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) return here;
    directory = parent;
  }
  return directory;
}
