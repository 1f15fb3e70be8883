/**
 * Answers typed by their route's contract (plugins/extranet/shared/contracts), as a front end or
 * the admin panel reads them. Test files run untyped under @swc/jest; the ones that use this are
 * type-checked by tsconfig.test.json (`npm run lint`), so a contract change that breaks what a
 * test reads fails there.
 */
import type { Response } from 'supertest';

/** The answer's JSON body as its contract's `Response` says (check the status first: an error is `{ data: null, error }`). */
export const bodyOf = <Contract>(res: Pick<Response, 'body'>): Contract => res.body as Contract;
