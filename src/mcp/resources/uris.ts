/** The resources the bridge serves over MCP, by URI. */

export const AGENTS_URI = 'lighthouse://agents';
export const RECENT_EVENTS_URI = 'lighthouse://events/recent';

export const INBOX_TEMPLATE = 'lighthouse://agents/{name}/inbox';
export const THREAD_TEMPLATE = 'lighthouse://threads/{threadId}';
export const TASK_TEMPLATE = 'lighthouse://tasks/{taskId}';

export function inboxUri(agentName: string): string {
  return `lighthouse://agents/${agentName}/inbox`;
}

export function threadUri(threadId: string): string {
  return `lighthouse://threads/${threadId}`;
}

export function taskUri(taskId: string): string {
  return `lighthouse://tasks/${taskId}`;
}

const INBOX = /^lighthouse:\/\/agents\/([^/]+)\/inbox$/;
const THREAD_OR_TASK = /^lighthouse:\/\/(threads|tasks)\/[^/]+$/;

/**
 * Why the agent named `agentName` may not subscribe to `uri`, or null when it may: a resource the
 * bridge serves and the agent may read.
 */
export function subscriptionRefusal(uri: string, agentName: string): string | null {
  if (uri === AGENTS_URI || uri === RECENT_EVENTS_URI || THREAD_OR_TASK.test(uri)) return null;
  const inbox = INBOX.exec(uri);
  if (inbox === null) return `the bridge serves no resource ${uri}`;
  return inbox[1] === agentName
    ? null
    : `you may follow only your own inbox, ${inboxUri(agentName)}`;
}
