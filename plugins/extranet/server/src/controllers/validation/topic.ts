import { strictObject, trimmedString, yup } from '../validate';

const fields = {
  name: trimmedString().min(1).max(120),
  description: trimmedString().max(2000).nullable(),
  sort: yup.number().integer().min(0).max(100000),
};

export const createTopicSchema = strictObject({ ...fields, name: fields.name.required() });
export const updateTopicSchema = strictObject(fields);
