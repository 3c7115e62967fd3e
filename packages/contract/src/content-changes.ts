import { z } from 'zod';

// The API's content-change stream, which the reader follows to keep its page cache in step:
//   GET  CONTENT_CHANGES_PATH      server-sent events named CONTENT_VERSION_EVENT, data a
//                                  ContentVersionEvent (JSON), one on connect and one per change
//   POST CONTENT_CHANGES_ACK_PATH  a ContentChangeAck (JSON): "I purged up to this version"
// Both need FORWARDING_SECRET_HEADER when the API has a forwarding secret set. A content
// mutation is answered only once every subscriber has acknowledged its version.

export const CONTENT_CHANGES_PATH = '/content-changes';
export const CONTENT_CHANGES_ACK_PATH = '/content-changes/ack';
/** The server-sent event name (`event: version`). */
export const CONTENT_VERSION_EVENT = 'version';

const ContentVersionEventSchema = z.object({
  /** One API process: after a restart the version starts again, so a new instance purges too. */
  instance: z.string().min(1),
  /** Goes up on every content change this API instance knows of. */
  version: z.number().int().min(0),
  /** False while the API may be missing changes: the reader must not serve from its cache. */
  trusted: z.boolean(),
  /** This stream's id, to name in the acknowledgement. */
  subscriber: z.string().min(1),
});

const ContentChangeAckSchema = z.object({
  subscriber: z.string().min(1),
  version: z.number().int(),
});

export type ContentVersionEvent = z.infer<typeof ContentVersionEventSchema>;
export type ContentChangeAck = z.infer<typeof ContentChangeAckSchema>;

/** The text of one server-sent event carrying `event`. */
export function formatContentVersionEvent(event: ContentVersionEvent): string {
  return `event: ${CONTENT_VERSION_EVENT}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Reads an event's data; throws (a SyntaxError or a ZodError) when it is not one. */
export function parseContentVersionEvent(data: string): ContentVersionEvent {
  return ContentVersionEventSchema.parse(JSON.parse(data));
}

/** Reads an acknowledgement's parsed JSON body; null when it is not one. */
export function parseContentChangeAck(body: unknown): ContentChangeAck | null {
  const result = ContentChangeAckSchema.safeParse(body);
  return result.success ? result.data : null;
}
