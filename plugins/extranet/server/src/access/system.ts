import { AsyncLocalStorage } from 'async_hooks';

const trusted = new AsyncLocalStorage<true>();

/**
 * Runs `fn` as trusted server code: the doors let it read and write unscoped. Services use it
 * only after they have applied the rule themselves (or to load the caller's own principal).
 */
export const asSystem = <T>(fn: () => Promise<T>): Promise<T> => trusted.run(true, fn);

export const isSystem = () => trusted.getStore() === true;

/** Runs `fn` outside trusted code (e.g. a person's reads started from an admin controller). */
export const outsideSystem = <T>(fn: () => Promise<T>): Promise<T> => trusted.exit(fn);
