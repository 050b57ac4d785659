import type { Executor } from './context';

/**
 * A Kysely transaction that services written against `deps.db` can join: their own `transaction().execute(fn)`
 * runs `fn` inside the caller's transaction instead of opening another one. Inbound processors use it to do a
 * whole effect (ticket, comment, attachments) inside the transaction that marks the item processed.
 */
export function joinTransaction(trx: Executor): Executor {
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction')
        return () => ({ execute: <T>(fn: (inner: Executor) => Promise<T>) => fn(target) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
