import { invalidInput } from '../../errors';
import type { Executor } from '../context';

/**
 * Time logged against a maintenance window must be on a window of the entry's own agreement (so of the same
 * client) that was not cancelled. Time logged after a window closed still counts on the window; the outcomes
 * frozen at closing keep their minutes.
 */
export async function assertWindowForTime(
  trx: Executor,
  windowId: string,
  agreementId: string,
): Promise<void> {
  const window = await trx
    .selectFrom('maintenance_windows')
    .select(['agreement_id', 'status'])
    .where('id', '=', windowId)
    .executeTakeFirst();
  if (!window || window.agreement_id !== agreementId)
    throw invalidInput('The maintenance window is not one of this agreement.', [
      { path: 'windowId', message: 'no such window for the entry’s agreement' },
    ]);
  if (window.status === 'cancelled')
    throw invalidInput('The maintenance window was cancelled.', [
      { path: 'windowId', message: 'is cancelled' },
    ]);
}
