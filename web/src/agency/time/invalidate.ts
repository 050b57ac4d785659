import type { QueryClient } from '@tanstack/react-query';
import { HEALTH_KEY, LEDGER_PREFIX, TIME_ENTRIES_PREFIX } from '../clients/keys';

/** Logged time changes the week view, every ledger and the clients' health figures. */
export async function invalidateTimeViews(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: TIME_ENTRIES_PREFIX }),
    queryClient.invalidateQueries({ queryKey: LEDGER_PREFIX }),
    queryClient.invalidateQueries({ queryKey: HEALTH_KEY }),
  ]);
}
