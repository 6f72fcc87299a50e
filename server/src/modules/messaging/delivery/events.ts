import type { Tx } from '../../../platform/db/database';
import { emitEvents } from '../../../platform/events/bus';

/** Segments and campaigns read these types: keep the names. */
export type MessageEventType =
  | 'message.sent'
  | 'message.delivered'
  | 'message.failed'
  | 'message.opened'
  | 'message.clicked'
  | 'message.unsubscribed';

export interface MessageRef {
  /** null for a RET reply, which answers no particular message. */
  id: string | null;
  customerId: string;
  channel: string;
  purpose: string;
  campaignId: string | null;
  variant: string | null;
  templateId: string | null;
}

/** Message events in one statement; the payload names the message, never its content or address. */
export async function emitMessageEvents(
  tx: Tx,
  list: { type: MessageEventType; message: MessageRef; at?: Date; extra?: Record<string, unknown> }[],
) {
  await emitEvents(
    tx,
    list.map(({ type, message: m, at, extra }) => ({
      type,
      subjectType: m.id ? 'message' : undefined,
      subjectId: m.id ?? undefined,
      customerId: m.customerId,
      payload: {
        messageId: m.id,
        channel: m.channel,
        purpose: m.purpose,
        campaignId: m.campaignId,
        variant: m.variant,
        templateId: m.templateId,
        ...extra,
      },
      occurredAt: at,
    })),
  );
}
