import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import { pollableConfigs, pollProvider } from '../providers/registry';
import { ProviderError } from '../providers/types';
import { applyReplies, applyReports } from './feedback';

export const POLL_JOB = 'messaging.poll';

/** Reports are asked for messages sent in the last three days; older ones stay `sent`. */
const POLL_DAYS = 3;
const POLL_LIMIT = 1000;

/**
 * Providers that call no webhook (Netgsm) are asked for the reports of the messages still `sent`
 * and for the replies received since (RET), and the answers are applied as a webhook's would be.
 */
export async function pollOrg(ctx: AppContext, orgId: string) {
  const configs = await ctx.db.tenant(orgId, (tx) => pollableConfigs(tx));
  for (const config of configs) {
    const waiting = await ctx.db.tenant(orgId, async (tx) => {
      const { rows } = await tx.execute<{ provider_message_id: string }>(sql`
        select provider_message_id from messages
        where org_id = ${tx.orgId} and provider_config_id = ${config.id} and status = 'sent'
          and provider_message_id is not null and sent_at > now() - make_interval(days => ${POLL_DAYS})
        order by sent_at limit ${POLL_LIMIT}`);
      return rows.map((r) => r.provider_message_id);
    });
    let answer: Awaited<ReturnType<typeof pollProvider>>;
    try {
      answer = await pollProvider(ctx, orgId, config.id, waiting);
    } catch (e) {
      if (e instanceof ProviderError) continue; // the provider is down or throttling: the next poll asks again
      throw e;
    }
    await ctx.db.tenant(orgId, async (tx) => {
      await applyReports(tx, config.id, answer.reports);
      await applyReplies(tx, answer.replies);
    });
  }
}
