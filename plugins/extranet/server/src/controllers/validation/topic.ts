import { strictObject, yup } from '../validate';

const fields = {
  name: yup.string().trim().min(1).max(120),
  description: yup.string().trim().max(2000).nullable(),
  sort: yup.number().integer().min(0).max(100000),
};

export const createTopicSchema = strictObject({ ...fields, name: fields.name.required() });
export const updateTopicSchema = strictObject(fields);
