import { strictObject, trimmedString, yup } from '../validate';

const text = (max: number) => trimmedString().max(max).nullable();
const fields = {
  name: trimmedString().min(1).max(120),
  topic: trimmedString(),
  extranet: yup.boolean(),
  description: text(5000),
  keywords: text(255),
};

/** SPEC §3 workgroup bodies: the API's and the admin's (which also names the owner, SPEC §9). */
const createFields = { ...fields, name: fields.name.required(), topic: fields.topic.required(), extranet: fields.extranet.required() };
export const createWorkgroupSchema = strictObject(createFields);
export const updateWorkgroupSchema = strictObject(fields);
export const adminCreateWorkgroupSchema = strictObject({
  ...createFields,
  owner: yup.number().integer().positive().required().typeError('owner must be a user id'),
});
