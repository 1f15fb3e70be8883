import { TextInput, Textarea } from '@strapi/design-system';
import { FormField } from './FormField';

/** A labelled text input (or textarea) with its hint and error, the design system's way. */
export const TextField = ({
  name,
  label,
  value,
  onChange,
  required,
  error,
  hint,
  multiline,
  type,
  disabled,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string;
  hint?: string;
  multiline?: boolean;
  type?: string;
  disabled?: boolean;
}) => (
  <FormField name={name} label={label} required={required} error={error} hint={hint}>
    {multiline ? (
      <Textarea name={name} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    ) : (
      <TextInput
        name={name}
        type={type}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    )}
  </FormField>
);
