import * as React from 'react';
import { Field } from '@strapi/design-system';

/**
 * A design-system field around any control: its label, its hint, and its error (the form's
 * message for that field, from the shared schema or from the server's 400).
 */
export const FormField = ({
  name,
  label,
  hint,
  error,
  required,
  children,
}: {
  name: string;
  label?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: React.ReactNode;
}) => (
  <Field.Root name={name} required={required} error={error} hint={hint}>
    {label === undefined ? null : <Field.Label>{label}</Field.Label>}
    {children}
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
