import { SingleSelect, SingleSelectOption } from '@strapi/design-system';

/**
 * A list page's filter: a select named by `label`, its options as `[value, text]`. With a
 * `clearLabel` the editor can empty it, which changes it to `''`.
 */
export const FilterSelect = ({
  label,
  value,
  onChange,
  options,
  placeholder,
  clearLabel,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<[value: string, text: string]>;
  placeholder?: string;
  clearLabel?: string;
}) => (
  <SingleSelect
    aria-label={label}
    placeholder={placeholder}
    value={value}
    onChange={(selected) => onChange(String(selected))}
    onClear={clearLabel === undefined ? undefined : () => onChange('')}
    clearLabel={clearLabel}
  >
    {options.map(([option, text]) => (
      <SingleSelectOption key={option} value={option}>
        {text}
      </SingleSelectOption>
    ))}
  </SingleSelect>
);
