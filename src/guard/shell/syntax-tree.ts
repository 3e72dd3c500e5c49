import type { Assignment, Redirect, Word, WordPart } from './types.js';

/** The parser's tree, read only by the analyzer that flattens it into simple commands. */

/** Commands separated by `;`, `&` or newlines. */
export interface ListNode {
  items: ListItem[];
}

export interface ListItem {
  andOr: AndOrNode;
  /** Ended by `&`. */
  background: boolean;
}

/** Pipelines joined by `&&` and `||`; `operators[i]` sits between pipelines i and i + 1. */
export interface AndOrNode {
  pipelines: PipelineNode[];
  operators: Array<'&&' | '||'>;
}

export interface PipelineNode {
  commands: CommandNode[];
  /** Prefixed by the `time` keyword. */
  timed: boolean;
}

export type CommandNode = SimpleNode | CompoundNode | FunctionNode;

/** A `$(…)`, backquoted or `<(…)`/`>(…)` command list found inside a word. */
export interface SubstitutionNode {
  part: Extract<WordPart, { kind: 'command-substitution' | 'process-substitution' }>;
  body: ListNode;
  /** The script the body's offsets refer to (a backquoted body with escapes gets its own). */
  script: number;
}

export interface SimpleNode {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  /** Substitutions in its assignments, words, redirect targets and heredoc bodies, in source order. */
  substitutions: SubstitutionNode[];
  start: number;
  end: number;
}

interface CompoundBase {
  redirects: Redirect[];
  /** Substitutions in its own words (loop words, case word and patterns, `[[ ]]`, `(( ))`) and redirects. */
  substitutions: SubstitutionNode[];
}

/** `( … )` runs in a subshell; `{ …; }` in the current shell. */
export interface BlockNode extends CompoundBase {
  type: 'subshell' | 'group';
  body: ListNode;
}

/** `if`/`elif` branches with conditions, and an `else` branch with a null condition. */
export interface IfNode extends CompoundBase {
  type: 'if';
  branches: Array<{ condition: ListNode | null; body: ListNode }>;
}

/** `while`/`until` (with a condition) and `for`/`select` (condition null). */
export interface LoopNode extends CompoundBase {
  type: 'loop';
  condition: ListNode | null;
  body: ListNode;
}

export interface CaseNode extends CompoundBase {
  type: 'case';
  branches: ListNode[];
}

/** `(( … ))` and `[[ … ]]`: no commands, only the substitutions inside. */
export interface ExpressionNode extends CompoundBase {
  type: 'expression';
}

export type CompoundNode = BlockNode | IfNode | LoopNode | CaseNode | ExpressionNode;

export interface FunctionNode {
  type: 'function';
  name: string;
  body: CommandNode;
}
