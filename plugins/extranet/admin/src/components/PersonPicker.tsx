import * as React from 'react';
import { Combobox, ComboboxOption } from '@strapi/design-system';
import type { GovernancePerson } from '../../../shared/contracts';
import { useExtranetApi, useLoader } from '../services/api';
import { personName, useT } from '../utils/useT';
import { FormField } from './FormField';

/** Picks a users-permissions user for "Why?" and "View as…" (SPEC §10); blocked people too. */
export const PersonPicker = ({
  value,
  onChange,
}: {
  value: GovernancePerson | null;
  onChange: (person: GovernancePerson | null) => void;
}) => {
  const t = useT();
  const api = useExtranetApi();
  const [search, setSearch] = React.useState('');
  const people = useLoader(() => api.governance.people(search).then((r) => r.data), [search]);
  const options = people.data ?? [];
  const label = (p: GovernancePerson) =>
    `${personName(p)} <${p.email}>${p.kind === 'external' ? ` · ${t('kind.external', 'Partner')}` : ''}${p.blocked ? ` · ${t('people.blocked', 'Blocked')}` : ''}`;
  return (
    <FormField
      name="person"
      label={t('governance.person', 'Person')}
      hint={t('governance.person.hint', 'A users-permissions user: partner or employee')}
    >
      <Combobox
        value={value ? String(value.id) : ''}
        onChange={(id) => onChange(options.find((p) => String(p.id) === id) ?? null)}
        onInputChange={(e) => setSearch(e.target.value)}
        autocomplete={{ type: 'list', filter: 'contains' }}
        placeholder={t('governance.person.placeholder', 'Search by name or e-mail')}
      >
        {options.map((person) => (
          <ComboboxOption key={person.id} value={String(person.id)}>
            {label(person)}
          </ComboboxOption>
        ))}
      </Combobox>
    </FormField>
  );
};
