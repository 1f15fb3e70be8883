import { Searchbar } from '@strapi/design-system';

/** The search box of a list page: `label` is its name and placeholder. */
export const SearchField = ({
  value,
  onChange,
  label,
  clearLabel,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  clearLabel: string;
}) => (
  <Searchbar
    name="search"
    value={value}
    onChange={(e) => onChange(e.target.value)}
    onClear={() => onChange('')}
    clearLabel={clearLabel}
    placeholder={label}
  >
    {label}
  </Searchbar>
);
