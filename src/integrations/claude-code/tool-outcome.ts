import type { PostToolUseInput } from './hook-input.js';

export interface ToolOutcomeText {
  success: boolean;
  /** The error, or the result as text (the audit redacts and shortens it). */
  text: string;
}

type ResponseObject = Record<string, unknown>;

/** Tools report trouble in their response in several ways; any of them counts as a failure. */
function reportsFailure(response: ResponseObject): boolean {
  return (
    response.success === false ||
    response.is_error === true ||
    response.isError === true ||
    response.interrupted === true ||
    typeof response.error === 'string'
  );
}

/** Bash answers with stdout and stderr; other tools with their own objects, kept as JSON. */
function responseText(response: unknown): string {
  if (typeof response === 'string') return response;
  if (typeof response !== 'object' || response === null) return JSON.stringify(response) ?? '';
  const { stdout, stderr, error } = response as ResponseObject;
  if (typeof error === 'string') return error;
  if (typeof stdout === 'string' || typeof stderr === 'string') {
    const parts = [typeof stdout === 'string' ? stdout : ''];
    if (typeof stderr === 'string' && stderr.length > 0) parts.push(`stderr: ${stderr}`);
    return parts.join('\n').trim();
  }
  return JSON.stringify(response);
}

/** What a PostToolUse (or PostToolUseFailure) hook says about how the call went. */
export function toolOutcomeOf(input: PostToolUseInput): ToolOutcomeText {
  if (input.hook_event_name === 'PostToolUseFailure') {
    return { success: false, text: input.error ?? responseText(input.tool_response) };
  }
  const response = input.tool_response;
  const failed =
    typeof response === 'object' && response !== null && reportsFailure(response as ResponseObject);
  return { success: !failed, text: responseText(response) };
}
