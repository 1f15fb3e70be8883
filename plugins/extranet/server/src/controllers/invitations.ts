import { errors } from '@strapi/utils';
import { workgroupPowers } from '../access/rule';
import { forbidden, invalidField, invitationInvalid, notFound, workgroupArchived } from '../errors';
import { PAGE_HEADERS } from '../pages/html';
import {
  acceptedPage,
  invalidInvitationPage,
  invitationForm,
  PASSWORD_MIN_LENGTH,
  problemPage,
  type FormErrors,
  type FormValues,
} from '../pages/invitation';
import { validate } from './validate';
import { inviteSchema } from './validation/invitation';
import { getService } from '../utils';


/* ---- input ---- */

const ACCEPT_FIELDS = ['token', 'password', 'passwordConfirmation', 'firstname', 'lastname', 'company', 'position'];

/**
 * The acceptance form, the same for the page and the JSON route: names required, company and
 * position optional, password of at least 12 characters (and at most 72 bytes, bcrypt's limit),
 * confirmation equal to it. Returns the values to show again (never the passwords).
 */
export const checkAcceptInput = (
  body: any,
  { confirmationRequired, existingAccount }: { confirmationRequired: boolean; existingAccount: boolean }
) => {
  const errs: FormErrors = {};
  const values: FormValues = {};
  if (existingAccount) {
    // The account's own password proves it; its profile is the account's, not the form's.
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!password) errs.password = 'Enter the password of your account.';
    return { values, password, errors: errs, valid: Object.keys(errs).length === 0 };
  }
  const text = (name: keyof FormValues, label: string, max: number, required: boolean) => {
    const value = body?.[name];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      errs[name] = `${label} must be text.`;
      return;
    }
    const trimmed = (value ?? '').trim();
    values[name] = trimmed;
    if (required && !trimmed) errs[name] = `Enter your ${label.toLowerCase()}.`;
    else if (trimmed.length > max) errs[name] = `${label} is at most ${max} characters long.`;
  };
  text('firstname', 'First name', 100, true);
  text('lastname', 'Last name', 100, true);
  text('company', 'Company', 150, false);
  text('position', 'Position', 150, false);

  const password = typeof body?.password === 'string' ? body.password : '';
  if ([...password].length < PASSWORD_MIN_LENGTH) errs.password = `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  else if (Buffer.byteLength(password, 'utf8') > 72) errs.password = 'The password must be at most 72 bytes long.';
  const confirmation = body?.passwordConfirmation;
  if ((confirmationRequired || confirmation !== undefined) && confirmation !== password) {
    errs.passwordConfirmation = 'The two passwords do not match.';
  }
  return { values, password, errors: errs, valid: Object.keys(errs).length === 0 };
};

const validationError = (errs: FormErrors) => {
  const list = Object.entries(errs).map(([field, message]) => ({ path: [field], message, name: 'ValidationError' }));
  return new errors.ValidationError(list.length === 1 ? `${list[0].path[0]}: ${list[0].message}` : `${list.length} errors occurred`, {
    errors: list,
  });
};

/** What the new partner gets back about itself: its own fields, never the password or relations. */
const ownUser = (user: any) => ({
  id: user.id,
  documentId: user.documentId,
  username: user.username,
  email: user.email,
  provider: user.provider,
  confirmed: !!user.confirmed,
  blocked: !!user.blocked,
  firstname: user.firstname ?? null,
  lastname: user.lastname ?? null,
  company: user.company ?? null,
  position: user.position ?? null,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

/* ---- pages ---- */

const sendPage = (ctx: any, status: number, body: string) => {
  ctx.status = status;
  ctx.set(PAGE_HEADERS);
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = body;
};

const PROBLEMS: Record<string, [number, string, string]> = {
  SeatLimitReached: [409, 'No free seat in the extranet', 'The extranet has no free seat at the moment. Please contact the person who invited you; your invitation stays valid until it expires.'],
  WorkgroupArchived: [409, 'This workgroup is archived', 'The workgroup has been archived and no longer accepts new members.'],
  RateLimitError: [429, 'Too many attempts', 'Too many attempts from here. Please wait a few minutes and try again.'],
};

const problem = (ctx: any, name: string) => {
  const [status, title, message] = PROBLEMS[name];
  sendPage(ctx, status, problemPage(title, message));
};

/** Manager-only view of one invitation: unreadable workgroup or no power → 404, like a missing one. */
const loadManaged = async (documentId: string) => {
  const found = await getService('invitations').findById(String(documentId));
  if (!found) throw notFound('Invitation not found');
  let loaded: any;
  try {
    loaded = await getService('workgroup-access').load(found.workgroup.documentId);
  } catch (error: any) {
    if (error?.name === 'NotFoundError') throw notFound('Invitation not found');
    throw error;
  }
  if (!loaded.powers.manageMembers) {
    if (loaded.workgroup.archived && workgroupPowers(loaded.principal, loaded.role, false).manageMembers) throw workgroupArchived();
    throw notFound('Invitation not found');
  }
  return { invitation: found.invitation, workgroup: loaded.workgroup, principal: loaded.principal };
};

export default {
  /** POST /api/extranet/workgroups/:id/invitations { email, role?, message? } */
  async create(ctx: any) {
    const input = await validate<{ email: string; role: 'moderator' | 'member'; message?: string | null }>(inviteSchema, ctx.request.body ?? {});
    const context = await getService('workgroup-access').require(ctx.params.id, 'manageMembers');
    const result = await getService('invitations').invite(context, input);
    ctx.status = 201;
    ctx.body =
      result.outcome === 'invited'
        ? { data: result.invitation, meta: { outcome: 'invited' } }
        : { data: result.member, meta: { outcome: 'added', notice: 'queued' } };
  },

  /** GET /api/extranet/workgroups/:id/invitations — pending ones, for managers and extranet admins. */
  async list(ctx: any) {
    const { workgroup, principal, role } = await getService('workgroup-access').load(ctx.params.id);
    if (!workgroupPowers(principal, role, false).manageMembers) throw forbidden('Only the workgroup managers see its invitations');
    ctx.body = { data: await getService('invitations').listPending(workgroup), meta: {} };
  },

  /** DELETE /api/extranet/invitations/:id */
  async cancel(ctx: any) {
    const { invitation, workgroup, principal } = await loadManaged(ctx.params.id);
    ctx.body = { data: await getService('invitations').cancel(invitation, workgroup, principal.userId), meta: {} };
  },

  /** POST /api/extranet/invitations/:id/resend */
  async resend(ctx: any) {
    const { invitation, workgroup, principal } = await loadManaged(ctx.params.id);
    ctx.body = { data: await getService('invitations').resend(invitation, workgroup, principal.userId), meta: {} };
  },

  /** POST /api/extranet/invitations/accept (public) → { jwt, user } */
  async accept(ctx: any) {
    const body = ctx.request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw invalidField('token', 'token is required');
    const unknown = Object.keys(body).find((key) => !ACCEPT_FIELDS.includes(key));
    if (unknown) throw invalidField(unknown, `unknown field: ${unknown}`);
    if (typeof body.token !== 'string' || !body.token) throw invalidField('token', 'token is required');
    const found = await getService('invitations').lookup(body.token);
    if (!found) throw invitationInvalid();
    if (found.workgroup.archived) throw workgroupArchived();
    const input = checkAcceptInput(body, { confirmationRequired: false, existingAccount: found.view.existingAccount });
    if (!input.valid) throw validationError(input.errors);
    const { user } = await getService('invitations').accept(body.token, { ...input.values, password: input.password });
    const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    ctx.body = { jwt, user: ownUser(user) };
  },

  /** GET /extranet/invitations/:token (public HTML) */
  async page(ctx: any) {
    try {
      const found = await getService('invitations').lookup(ctx.params.token);
      if (!found) return sendPage(ctx, 410, invalidInvitationPage());
      if (found.workgroup.archived) return problem(ctx, 'WorkgroupArchived');
      return sendPage(ctx, 200, invitationForm(found.view));
    } catch (error) {
      strapi.log.error(error);
      return sendPage(ctx, 500, problemPage('Something went wrong', 'The invitation could not be shown. Please try again later.'));
    }
  },

  /** POST /extranet/invitations/:token (public HTML form, application/x-www-form-urlencoded) */
  async submit(ctx: any) {
    const token = ctx.params.token;
    let found: any = null;
    try {
      found = await getService('invitations').lookup(token);
      if (!found) return sendPage(ctx, 410, invalidInvitationPage());
      if (found.workgroup.archived) return problem(ctx, 'WorkgroupArchived');
      const input = checkAcceptInput(ctx.request.body ?? {}, { confirmationRequired: true, existingAccount: found.view.existingAccount });
      if (!input.valid) return sendPage(ctx, 400, invitationForm(found.view, input.values, input.errors));
      const { user, workgroup } = await getService('invitations').accept(token, { ...input.values, password: input.password });
      const frontendUrl = (strapi.config.get('plugin::extranet') as any).frontendUrl;
      return sendPage(ctx, 200, acceptedPage({ workgroupName: workgroup.name, email: user.email, frontendUrl }));
    } catch (error: any) {
      if (error?.name === 'InvitationInvalid') return sendPage(ctx, 410, invalidInvitationPage());
      if (error?.name === 'ValidationError' && found?.view.existingAccount) {
        return sendPage(ctx, 400, invitationForm(found.view, {}, { password: 'This is not the password of your account.' }));
      }
      if (PROBLEMS[error?.name]) return problem(ctx, error.name);
      strapi.log.error(error);
      return sendPage(ctx, 500, problemPage('Something went wrong', 'Your account could not be created. Please try again later.'));
    }
  },
};
