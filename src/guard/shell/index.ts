export {
  directoryChangeOf,
  resolveWorkingDirectory,
  type WorkingDirectory,
} from './directory-changes.js';
export { findShellCalls } from './embedded-calls.js';
export { expandPath, type PathContext, type PathExpansion } from './expand-path.js';
export { interpreterLanguage } from './interpreters.js';
export { parseShell } from './parse-shell.js';
export { renderCommand, renderWord, renderWords } from './render.js';
export { quoteShellWord } from './shell-quote.js';
export { isShell } from './shells.js';
export type * from './types.js';
export { commandName } from './wrappers.js';
