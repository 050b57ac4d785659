import type { InboundSource } from '../db/schema';
import { createEmailProcessor } from '../integrations/email/inbound-email';
import { FileAttachmentStore } from '../storage/attachment-store';
import { CalendarCache } from './calendars-service';
import type { ServiceDeps } from './context';
import type { InboundProcessor } from './inbound-service';
import { processSlackItem } from './slack/slack-inbound';

/**
 * What turns each kind of inbound item into its effect. A source without a processor here (webhooks, so far)
 * is stored and retried until it lands in the dead-letter list: nothing accepted is dropped.
 */
export function inboundProcessors(deps: ServiceDeps): Partial<Record<InboundSource, InboundProcessor>> {
  return {
    slack: (item, trx) => processSlackItem(deps, item, trx),
    email: createEmailProcessor({
      deps,
      calendars: new CalendarCache(),
      store: new FileAttachmentStore(deps.config.attachmentsDir),
    }),
  };
}
