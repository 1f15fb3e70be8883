import * as React from 'react';
import {
  Badge,
  EmptyStateLayout,
  Flex,
  IconButton,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Lock, Pencil, Trash, Earth } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { Person, PersonKind } from '../../../shared/contracts';
import { ConfirmItemAction } from '../components/ConfirmAction';
import { PersonModal } from '../components/PersonModal';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError, useNotifySuccess } from '../services/errors';
import { personName, useT } from '../utils/useT';
import { TableHead } from '../components/TableHead';

/** SPEC §9 People: externals (search, block/unblock, edit, delete) and anyone's extranet groups. */
const PeopleList = () => {
  const t = useT();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const [search, setSearch] = React.useState('');
  const [kind, setKind] = React.useState<PersonKind | 'all'>('external');
  const [editing, setEditing] = React.useState<Person | null>(null);
  const [deleting, setDeleting] = React.useState<Person | null>(null);
  const people = useLoader(
    () => api.people.list({ q: search || undefined, kind, pageSize: 100 }),
    [search, kind],
  );
  const rows = people.data?.data ?? [];

  const block = async (person: Person) => {
    try {
      await api.people.block(person.id, !person.blocked);
      notifySuccess(
        person.blocked ? 'person.unblocked' : 'person.blocked',
        person.blocked ? '{name} may sign in again' : '{name} is blocked',
        { name: personName(person) },
      );
      people.reload();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('people.title', 'People')}</Page.Title>
      <Layouts.Header
        title={t('people.title', 'People')}
        subtitle={t('people.subtitle', 'Partner accounts and everyone’s extranet access')}
      />
      <Layouts.Action
        startActions={
          <Flex gap={2}>
            <Searchbar
              name="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onClear={() => setSearch('')}
              clearLabel={t('people.search.clear', 'Clear the search')}
              placeholder={t('people.search', 'Search people')}
            >
              {t('people.search', 'Search people')}
            </Searchbar>
            <SingleSelect
              aria-label={t('people.filter.kind', 'Kind')}
              value={kind}
              onChange={(value) => setKind(value as PersonKind | 'all')}
            >
              <SingleSelectOption value="external">
                {t('people.filter.external', 'Partners')}
              </SingleSelectOption>
              <SingleSelectOption value="employee">
                {t('people.filter.employee', 'Employees')}
              </SingleSelectOption>
              <SingleSelectOption value="all">{t('people.filter.all', 'Everyone')}</SingleSelectOption>
            </SingleSelect>
          </Flex>
        }
      />
      <Layouts.Content>
        {rows.length === 0 && !people.isLoading ? (
          <EmptyStateLayout content={t('people.empty', 'Nobody matches.')} />
        ) : (
          <Table colCount={6} rowCount={rows.length + 1}>
            <TableHead
              labels={[
                t('people.column.name', 'Name'),
                t('people.column.email', 'E-mail'),
                t('people.column.company', 'Company'),
                t('people.column.kind', 'Kind'),
                t('people.column.groups', 'Extranet groups'),
                t('people.column.actions', 'Actions'),
              ]}
            />
            <Tbody>
              {rows.map((person) => {
                const name = personName(person);
                return (
                  <Tr key={person.id}>
                    <Td>
                      <Flex gap={2}>
                        <Typography fontWeight="bold">{name}</Typography>
                        {person.blocked ? <Badge>{t('person.blocked.badge', 'Blocked')}</Badge> : null}
                        {person.visibleToAllExtranet ? (
                          <Earth aria-label={t('person.visibleToAll.badge', 'Visible to all')} />
                        ) : null}
                      </Flex>
                    </Td>
                    <Td>
                      <Typography>{person.email}</Typography>
                    </Td>
                    <Td>
                      <Typography>{person.company ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <Badge active={person.kind === 'external'}>
                        {person.kind === 'external'
                          ? t('kind.external', 'Partner')
                          : t('kind.employee', 'Employee')}
                      </Badge>
                    </Td>
                    <Td>
                      <Typography>{person.extranetGroups.join(', ') || '—'}</Typography>
                    </Td>
                    <Td>
                      <Flex gap={1}>
                        <IconButton
                          label={t('person.edit.label', 'Edit {name}', { name })}
                          variant="ghost"
                          onClick={() => setEditing(person)}
                        >
                          <Pencil />
                        </IconButton>
                        {person.kind === 'external' ? (
                          <>
                            <IconButton
                              label={
                                person.blocked
                                  ? t('person.unblock.label', 'Unblock {name}', { name })
                                  : t('person.block.label', 'Block {name}', { name })
                              }
                              variant="ghost"
                              onClick={() => block(person)}
                            >
                              <Lock />
                            </IconButton>
                            <IconButton
                              label={t('person.delete.label', 'Delete {name}', { name })}
                              variant="ghost"
                              onClick={() => setDeleting(person)}
                            >
                              <Trash />
                            </IconButton>
                          </>
                        ) : null}
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
      <PersonModal
        person={editing}
        onOpenChange={(open) => !open && setEditing(null)}
        onSaved={() => {
          notifySuccess('person.saved', 'Saved');
          people.reload();
        }}
      />
      <ConfirmItemAction
        item={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={async (person) => {
          try {
            await api.people.remove(person.id);
            notifySuccess('person.deleted', '{name} was deleted', { name: personName(person) });
            people.reload();
          } catch (error) {
            notifyError(error);
          }
        }}
      >
        {t(
          'person.delete.confirm',
          'Delete the account of {name}? Their memberships go with it and their seat is freed.',
          { name: personName(deleting) },
        )}
      </ConfirmItemAction>
    </Page.Main>
  );
};

export const PeoplePage = () => (
  <Page.Protect permissions={PERMISSIONS.people}>
    <PeopleList />
  </Page.Protect>
);
