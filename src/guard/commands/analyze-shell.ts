import type { ShellAnalysis } from '../engine/evaluate.js';
import type { Locations } from '../paths/locations.js';
import {
  commandName,
  parseShell,
  type Redirect,
  renderCommand,
  resolveWorkingDirectory,
  type SimpleCommand,
  type Word,
} from '../shell/index.js';
import type { CommandView, RedirectView, ShellWord } from './command-view.js';

/** How many shells deep (bash -c inside eval inside bash -c …) a command line is followed. */
export const SHELL_MAX_DEPTH = 4;

const NO_WORD: ShellWord = { text: '', dynamic: true, glob: false, substitutions: [] };

/**
 * A word's value as far as it is known where the command runs: quotes removed, `~`, `$HOME`
 * and `$PWD` filled in; anything else only known at run time keeps its text and marks the word
 * dynamic.
 */
function toShellWord(word: Word, at: { home: string; cwd: string | null }): ShellWord {
  let text = '';
  let dynamic = false;
  const substitutions: number[] = [];
  word.parts.forEach((part, index) => {
    switch (part.kind) {
      case 'literal':
      case 'pattern':
        text += part.text;
        break;
      case 'tilde':
        if (index === 0 && part.text === '~') text += at.home;
        else {
          text += part.text;
          dynamic = true;
        }
        break;
      case 'parameter': {
        const value = !part.plain
          ? null
          : part.name === 'HOME'
            ? at.home
            : part.name === 'PWD'
              ? at.cwd
              : null;
        text += value ?? part.text;
        if (value === null) dynamic = true;
        break;
      }
      case 'command-substitution':
      case 'process-substitution':
        substitutions.push(...part.commands);
        text += part.text;
        dynamic = true;
        break;
      default:
        text += part.text;
        dynamic = true;
    }
  });
  return { text, dynamic, glob: word.glob, substitutions };
}

function toRedirect(redirect: Redirect, at: { home: string; cwd: string | null }): RedirectView {
  const view: RedirectView = { op: redirect.op, target: toShellWord(redirect.target, at) };
  if (redirect.heredoc) view.body = redirect.heredoc.body.text;
  else if (redirect.op === '<<<') view.body = redirect.target.text;
  return view;
}

function toView(command: SimpleCommand, index: number, at: Locations): CommandView {
  const directory = resolveWorkingDirectory(command.cdBefore, { cwd: at.cwd, home: at.home });
  const cwd = directory.ok ? directory.path : null;
  const context = { home: at.home, cwd };
  const [program, ...args] = command.argv.map((word) => toShellWord(word, context));
  const name = command.name && !program?.dynamic ? commandName(command.name.text) : '';
  return {
    index,
    name,
    program: program ?? NO_WORD,
    args,
    rendered: renderCommand(command),
    cwd,
    elevated: command.elevated,
    via: command.via.map((via) => via.kind),
    redirects: command.redirects.map((redirect) => toRedirect(redirect, context)),
    pipeline: command.pipeline,
    inlineScript: command.inlineScript
      ? { language: command.inlineScript.language, code: command.inlineScript.code }
      : null,
  };
}

/** Parses a command line with the shell parser and turns each simple command into a view. */
export function analyzeShellCommand(source: string, at: Locations): ShellAnalysis {
  const parsed = parseShell(source, { maxDepth: SHELL_MAX_DEPTH });
  if (!parsed.ok) {
    const { code, message, offset } = parsed.error;
    return { ok: false, problem: `${message} (${code} at offset ${offset})` };
  }
  return {
    ok: true,
    commands: parsed.commands.map((command, index) => toView(command, index, at)),
  };
}
