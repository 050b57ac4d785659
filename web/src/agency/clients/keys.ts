/** Query keys shared by the clients pages and the Time page (which refreshes them after logging time). */
export const HEALTH_KEY = ['clients', 'health'] as const;
export const ledgerKey = (agreementId: string, month: string) => ['ledger', agreementId, month] as const;
export const LEDGER_PREFIX = ['ledger'] as const;
export const TIME_ENTRIES_PREFIX = ['time-entries'] as const;
