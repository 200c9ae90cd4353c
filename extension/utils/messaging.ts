import { browser } from '#imports';
import type { BackgroundRequest } from '../../shared/schemas/extension-requests.ts';
import { ErrorResponseSchema } from '../../shared/schemas/extension.ts';

// What a caller shows when the background worker did not answer as expected.
const MESSAGES = {
  noAnswer: 'the extension’s background worker did not answer',
  unexpected: 'the extension’s background worker sent an unexpected reply',
} as const;

/** Any zod schema (classic or mini): all a reply needs is to be parsed. */
export interface ReplySchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** A request to another part of the extension failed; `message` is one line a user may read. */
export class ExtensionMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtensionMessageError';
  }
}

/**
 * Sends a request to the background worker and parses its reply with `replySchema`. The worker
 * parses the request on its side: each end checks what it receives.
 */
export async function askBackground<T>(request: BackgroundRequest, replySchema: ReplySchema<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (e) {
    throw new ExtensionMessageError(`${MESSAGES.noAnswer}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
  }
  return parseReply(raw, replySchema);
}

/**
 * A `runtime.onMessage` listener made from a handler that answers with a promise (undefined for a
 * message it does not take). The browsers' own API (no polyfill) ignores a promise returned by a
 * Chrome listener: the answer goes through `sendResponse`, kept open by returning true.
 */
export function answerMessages<S>(handler: (message: unknown, sender: S) => Promise<unknown> | undefined) {
  return (message: unknown, sender: S, sendResponse: (reply: unknown) => void): true | undefined => {
    const reply = handler(message, sender);
    if (!reply) return undefined;
    reply.then(sendResponse, (e: unknown) => sendResponse({ type: 'error', message: (e instanceof Error ? e.message : String(e)).slice(0, 300) }));
    return true;
  };
}

export function parseReply<T>(raw: unknown, replySchema: ReplySchema<T>): T {
  const reply = replySchema.safeParse(raw);
  if (reply.success) return reply.data;
  const error = ErrorResponseSchema.safeParse(raw);
  throw new ExtensionMessageError(error.success ? error.data.message : raw === undefined ? MESSAGES.noAnswer : MESSAGES.unexpected);
}
