/**
 * A simple command as the rules see it: the shell parser's output reduced to what judging
 * needs, with words resolved where the guard can resolve them.
 */

export interface ShellWord {
  /** The word after quote removal, with the expansions the guard can resolve applied. */
  text: string;
  /** Part of the word is unknown until run time: $(…), `…`, <(…) or an unresolved variable. */
  dynamic: boolean;
  /** Unquoted glob characters that the shell would expand. */
  glob: boolean;
  /** Indexes (into the call's commands) of the commands run by substitutions inside the word. */
  substitutions: readonly number[];
}

export interface RedirectView {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `<<`, `<<<`, `<>` … */
  op: string;
  target: ShellWord;
  /** The text fed to standard input by a heredoc or a here-string. */
  body?: string;
}

export interface CommandView {
  /** Position among the call's commands, in source order. */
  index: number;
  /** The command name without its directory; '' when it is only known at run time. */
  name: string;
  /** argv[0] as written. */
  program: ShellWord;
  /** argv[1…]. */
  args: readonly ShellWord[];
  /** The command rendered canonically (one line, normalized quoting). */
  rendered: string;
  /** Directory the command runs in, after any `cd` before it; null when unknown. */
  cwd: string | null;
  /** Run through sudo, doas, pkexec or similar. */
  elevated: boolean;
  /** Wrappers it was run through, outermost first (env, timeout, xargs, find…). */
  via: readonly string[];
  redirects: readonly RedirectView[];
  pipeline: { id: number; index: number; length: number } | null;
  /** Code given on the command line to an interpreter (python -c, node -e…). */
  inlineScript: { language: string; code: string } | null;
}
