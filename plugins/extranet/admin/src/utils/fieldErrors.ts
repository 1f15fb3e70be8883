/** The fields a ValidationError names (`details.errors[].path`), for the form to show them. */
export const fieldErrors = (error: any): Record<string, string> => {
  const list = error?.response?.data?.error?.details?.errors;
  if (!Array.isArray(list)) return {};
  return Object.fromEntries(list.map((e: any) => [String(e.path?.[0] ?? ''), String(e.message)]));
};
