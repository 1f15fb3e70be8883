/**
 * Acting as another person (SPEC §10, "view as"), without their credentials: the principal the
 * doors use for code run inside `asPrincipal`, and the mark a request carries while an extranet
 * admin views it as someone else (access/view-as.ts).
 */
import { AsyncLocalStorage } from 'async_hooks';
import type { Principal } from './principal';
import { outsideSystem } from './system';

const acting = new AsyncLocalStorage<Principal>();

/**
 * Runs `fn` with `principal` as the caller of every door (query engine, document service, files):
 * the admin pages' "View as…" runs the real reads under the viewed person's principal instead of
 * re-deriving the rule. It leaves trusted code (admin controllers run as such); `asSystem` called
 * inside it still reads unscoped.
 */
export const asPrincipal = <T>(principal: Principal, fn: () => Promise<T>): Promise<T> =>
  outsideSystem(() => acting.run(principal, fn));

/** The principal set by `asPrincipal`, if any. */
export const actingPrincipal = (): Principal | undefined => acting.getStore();

/** Who views a request as whom (set by the view-as middleware before authentication). */
export interface ViewAs {
  /** the extranet admin who sent the header (users-permissions user id) */
  adminId: number;
  /** the person the request is answered for */
  userId: number;
}

const VIEW_AS = Symbol.for('extranet.viewAs');

export const markViewAs = (ctx: { state: Record<PropertyKey, unknown> }, viewAs: ViewAs) => {
  ctx.state[VIEW_AS] = viewAs;
};

/** The view-as of this request, when an extranet admin sent `X-Extranet-View-As`. */
export const viewAsOf = (
  ctx: { state?: Record<PropertyKey, unknown> } | null | undefined,
): ViewAs | undefined => ctx?.state?.[VIEW_AS] as ViewAs | undefined;
