/**
 * The request bodies of the plugin, each schema once, for the server's validation
 * (`server/src/controllers/validation/<resource>.ts`) and for any form that wants to check before
 * sending. Update schemas are derived from create schemas; unknown fields are refused in one
 * place (`strictObject`).
 */
import * as yup from 'yup';
import { GROUP_KEYS } from './contracts/common';

/** A string, trimmed; anything else is left for the type check to refuse (yup's own trim would throw on it). */
export const trimmedString = () =>
  yup.string().transform((value: unknown) => (typeof value === 'string' ? value.trim() : value));

/**
 * An object schema that refuses fields it does not know, naming each one as the error's path
 * (yup's `noUnknown` reports them on the object itself).
 */
export const strictObject = <S extends Record<string, yup.AnySchema>>(shape: S) =>
  yup.object(shape).test('known-fields', function check(value: unknown) {
    if (!value || typeof value !== 'object') return true;
    const unknown = Object.keys(value).find((key) => !(key in shape));
    return unknown ? this.createError({ path: unknown, message: `unknown field: ${unknown}` }) : true;
  });

/**
 * A numeric id: a number, or digits in a string (query and route parameters); a list or an
 * object is refused rather than cast (yup would read `[5]` as 5).
 */
export const numericId = () =>
  yup
    .number()
    .transform((value: unknown, original: unknown) =>
      typeof original === 'number' || (typeof original === 'string' && /^\d+$/.test(original)) ? value : NaN,
    )
    .integer()
    .positive();

/** The same fields, none of them required: an update body from a create body. */
const optionalFields = <S extends Record<string, yup.AnySchema>>(shape: S) =>
  Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.notRequired()])) as {
    [K in keyof S]: ReturnType<S[K]['notRequired']>;
  };

const nullableText = (max: number) => trimmedString().max(max).nullable();

/* ---- topics (SPEC §3) ---- */

const topicFields = {
  name: trimmedString().min(1).max(120).required(),
  description: nullableText(2000),
  sort: yup.number().integer().min(0).max(100000),
};
export const createTopicSchema = strictObject(topicFields);
export const updateTopicSchema = strictObject(optionalFields(topicFields));

/* ---- workgroups (SPEC §3, §9) ---- */

const workgroupFields = {
  name: trimmedString().min(1).max(120).required(),
  topic: trimmedString().required(),
  extranet: yup.boolean().required(),
  description: nullableText(5000),
  keywords: nullableText(255),
};
export const createWorkgroupSchema = strictObject(workgroupFields);
export const updateWorkgroupSchema = strictObject(optionalFields(workgroupFields));
/** From the admin panel, the editor names the owner, a users-permissions user (SPEC §9). */
export const adminCreateWorkgroupSchema = strictObject({
  ...workgroupFields,
  owner: yup.number().integer().positive().required().typeError('owner must be a user id'),
});
/** The admin users who manage a workgroup ("Manager of the workgroup", SPEC §9), the whole list. */
export const workgroupManagersSchema = strictObject({
  managers: yup.array(yup.number().integer().positive().required()).required(),
});

/* ---- memberships (SPEC §3, §10) ---- */

export const memberRoleSchema = strictObject({
  role: yup.string().oneOf(['owner', 'moderator', 'member']).required(),
});
export const renewMembershipSchema = strictObject({ days: yup.number().strict().integer().min(1).max(3650) });

/* ---- people (SPEC §9: extranet admins and editors edit partners' profiles and groups) ---- */

export const personProfileSchema = strictObject({
  firstname: trimmedString().min(1).max(100),
  lastname: trimmedString().min(1).max(100),
  company: nullableText(150),
  position: nullableText(150),
  email: trimmedString()
    .transform((value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value))
    .email(),
});

export const personAccessSchema = strictObject({
  extranetGroups: yup.array(yup.string().oneOf(GROUP_KEYS).required()).required(),
  visibleToAllExtranet: yup.boolean().required(),
});

/* ---- messages (SPEC §6) ---- */

export const messageSchema = strictObject({
  to: numericId().required(),
  body: trimmedString().min(1).max(10000).required(),
});

/* ---- invitations (SPEC §5) ---- */

/** `{ email, role?, message? }`, for the API and the admin panel alike. */
export const inviteSchema = strictObject({
  email: yup
    .string()
    .transform((value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
    .email('must be a valid e-mail address')
    .max(255)
    .required(),
  role: yup.string().oneOf(['moderator', 'member']).default('member'),
  message: trimmedString().max(2000).nullable(),
});

export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads no further */
const PASSWORD_MAX_BYTES = 72;

/**
 * A profile field of the acceptance form: text, trimmed, absent or null read as empty. Its
 * messages speak to the partner, who sees them on the page next to the field.
 */
const profileText = (label: string, max: number, required: boolean) => {
  const text = yup
    .mixed<string>()
    .transform((value: unknown) => (value === null ? '' : typeof value === 'string' ? value.trim() : value))
    .default('')
    .test('text', `${label} must be text.`, (value) => typeof value === 'string')
    .test(
      'max',
      `${label} is at most ${max} characters long.`,
      (value) => typeof value !== 'string' || value.length <= max,
    );
  return required
    ? text.test(
        'present',
        `Enter your ${label.toLowerCase()}.`,
        (value) => typeof value !== 'string' || value.length > 0,
      )
    : text;
};

/**
 * Accepting an invitation as a new external, the same for the page's form and the JSON route:
 * names required, company and position optional, a password of at least 12 characters (and at
 * most 72 bytes) and its confirmation, which the form always sends and the JSON route may.
 */
export const acceptNewAccountSchema = yup.object({
  firstname: profileText('First name', 100, true),
  lastname: profileText('Last name', 100, true),
  company: profileText('Company', 150, false),
  position: profileText('Position', 150, false),
  password: yup
    .mixed<string>()
    .test(
      'min',
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
      (value) => typeof value === 'string' && [...value].length >= PASSWORD_MIN_LENGTH,
    )
    .test(
      'max',
      `The password must be at most ${PASSWORD_MAX_BYTES} bytes long.`,
      (value) => typeof value !== 'string' || new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES,
    ),
  passwordConfirmation: yup.mixed().test('match', 'The two passwords do not match.', function match(value) {
    const { confirmationRequired } = (this.options.context ?? {}) as { confirmationRequired?: boolean };
    if (value === undefined && !confirmationRequired) return true;
    const password: unknown = this.parent?.password;
    return value === (typeof password === 'string' ? password : '');
  }),
});

/** Accepting as an existing account: its own password proves it; the profile stays the account's. */
export const acceptExistingAccountSchema = yup.object({
  password: yup
    .mixed<string>()
    .test(
      'present',
      'Enter the password of your account.',
      (value) => typeof value === 'string' && value.length > 0,
    ),
});

/** The fields the JSON accept route takes, besides the token. */
export const ACCEPT_FIELDS = ['token', ...Object.keys(acceptNewAccountSchema.fields)] as const;
