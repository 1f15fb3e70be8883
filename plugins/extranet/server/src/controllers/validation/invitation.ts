import { strictObject, trimmedString, yup } from '../validate';

/** SPEC §5 `{ email, role?, message? }`, for the API and the admin panel alike. */
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
