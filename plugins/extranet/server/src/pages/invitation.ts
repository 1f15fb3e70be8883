import type Koa from 'koa';
import { html, layout, sendPage } from './html';
import { PASSWORD_MIN_LENGTH } from '../../../shared/validation-schemas';

/** What the acceptance form shows and re-shows after an error (never the passwords). */
export interface FormValues {
  firstname?: string;
  lastname?: string;
  company?: string;
  position?: string;
}

export type FormErrors = Partial<Record<keyof FormValues | 'password' | 'passwordConfirmation', string>>;

export interface InvitationView {
  workgroupName: string;
  inviterName: string;
  email: string;
  role: 'moderator' | 'member';
  expiresAt: Date;
  /** The address already has an account: accepting proves it with that account's password. */
  existingAccount: boolean;
}

const field = (
  name: keyof FormValues,
  label: string,
  options: {
    values: FormValues;
    errors: FormErrors;
    required?: boolean;
    autocomplete: string;
    maxlength: number;
  },
) => {
  const error = options.errors[name];
  return html`<label for="${name}">${label}${options.required ? '' : html` <span class="hint">(optional)</span>`}</label>
<input id="${name}" name="${name}" type="text" value="${options.values[name] ?? ''}" maxlength="${options.maxlength}" autocomplete="${options.autocomplete}"${options.required ? html` required` : ''}${error ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}`;
};

const passwordField = (
  name: 'password' | 'passwordConfirmation',
  label: string,
  errors: FormErrors,
  existing = false,
) => {
  const error = errors[name];
  return html`<label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="password"${existing ? '' : html` minlength="${PASSWORD_MIN_LENGTH}"`} autocomplete="${existing ? 'current-password' : 'new-password'}" required${error ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}`;
};

/** GET /extranet/invitations/:token, and the same form again (400) when the input was wrong. */
export const invitationForm = (view: InvitationView, values: FormValues = {}, errors: FormErrors = {}) => {
  const messages = Object.values(errors).filter(Boolean);
  const alert = messages.length
    ? html`<div class="alert" role="alert"><p>Please correct the following:</p><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`
    : '';
  if (view.existingAccount) {
    return layout(
      `Join ${view.workgroupName}`,
      html`<h1>Join the workgroup “${view.workgroupName}”</h1>
<p>${view.inviterName} invited you to the extranet workgroup <strong>${view.workgroupName}</strong> as ${view.role === 'moderator' ? 'a moderator' : 'a member'}.
You already have an account with this address: enter its password to accept. This invitation works once and expires on ${view.expiresAt.toUTCString()}.</p>
${alert}
<form method="post" novalidate>
<label for="email">E-mail address</label>
<input id="email" type="email" value="${view.email}" autocomplete="username" readonly>
${passwordField('password', 'Password of your account', errors, true)}
<button type="submit">Accept the invitation</button>
</form>
<p>Forgot the password? Reset it from the sign-in page of the extranet: the reset link is mailed to this address.</p>`,
    );
  }
  return layout(
    `Join ${view.workgroupName}`,
    html`<h1>Join the workgroup “${view.workgroupName}”</h1>
<p>${view.inviterName} invited you to the extranet workgroup <strong>${view.workgroupName}</strong> as ${view.role === 'moderator' ? 'a moderator' : 'a member'}.
Create your account to accept. This invitation works once and expires on ${view.expiresAt.toUTCString()}.</p>
${alert}
<form method="post" novalidate>
<label for="email">E-mail address <span class="hint">(you will sign in with it)</span></label>
<input id="email" type="email" value="${view.email}" autocomplete="username" readonly>
${field('firstname', 'First name', { values, errors, required: true, autocomplete: 'given-name', maxlength: 100 })}
${field('lastname', 'Last name', { values, errors, required: true, autocomplete: 'family-name', maxlength: 100 })}
${field('company', 'Company', { values, errors, autocomplete: 'organization', maxlength: 150 })}
${field('position', 'Position', { values, errors, autocomplete: 'organization-title', maxlength: 150 })}
${passwordField('password', `Password (at least ${PASSWORD_MIN_LENGTH} characters)`, errors)}
${passwordField('passwordConfirmation', 'Confirm the password', errors)}
<button type="submit">Accept the invitation</button>
</form>`,
  );
};

/** Every bad, used, expired or cancelled token: one page, one status (410), no detail. */
export const invalidInvitationPage = () =>
  layout(
    'Invitation no longer valid',
    html`<h1>This invitation is no longer valid</h1>
<p>The link may have been used already, cancelled, replaced by a newer invitation, or it has expired.</p>
<p>Ask the person who invited you to send you a new invitation.</p>`,
  );

export const acceptedPage = (view: { workgroupName: string; email: string; frontendUrl: string }) =>
  layout(
    'Welcome to the extranet',
    html`<h1>Welcome to the extranet</h1>
<p>Your account is ready and you are now a member of the workgroup <strong>${view.workgroupName}</strong>.</p>
<p>Sign in with your e-mail address <strong>${view.email}</strong> and your password.</p>
<p><a class="button" href="${view.frontendUrl}">Go to the extranet</a></p>`,
  );

/** Problems that are not the visitor's typing: no free seat, archived group, existing account, too many tries. */
export const problemPage = (title: string, message: string) =>
  layout(
    title,
    html`<h1>${title}</h1>
<p>${message}</p>`,
  );

/** The problems a partner may meet on the invitation pages, by error name: status, title, message. */
const PROBLEMS = {
  SeatLimitReached: [
    409,
    'No free seat in the extranet',
    'The extranet has no free seat at the moment. Please contact the person who invited you; your invitation stays valid until it expires.',
  ],
  WorkgroupArchived: [
    409,
    'This workgroup is archived',
    'The workgroup has been archived and no longer accepts new members.',
  ],
  RateLimitError: [
    429,
    'Too many attempts',
    'Too many attempts from here. Please wait a few minutes and try again.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ProblemName = keyof typeof PROBLEMS;

export const isProblemName = (name: unknown): name is ProblemName =>
  typeof name === 'string' && Object.hasOwn(PROBLEMS, name);

export const sendProblemPage = (ctx: Koa.Context, name: ProblemName) => {
  const [status, title, message] = PROBLEMS[name];
  sendPage(ctx, status, problemPage(title, message));
};
