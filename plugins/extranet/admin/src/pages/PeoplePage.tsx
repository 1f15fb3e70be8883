import * as React from 'react';
import { Badge, Flex, Typography } from '@strapi/design-system';
import { Lock, Pencil, Trash, Earth } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { GetPeople, Person } from '../../../shared/contracts';
import { ConfirmItemAction } from '../components/ConfirmAction';
import { DataTable } from '../components/DataTable';
import { FilterSelect } from '../components/FilterSelect';
import { KindBadge } from '../components/KindBadge';
import { PageLayout } from '../components/PageLayout';
import { PersonModal } from '../components/PersonModal';
import { RowActions } from '../components/RowActions';
import { SearchField } from '../components/SearchField';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifySuccess } from '../services/errors';
import { useAction } from '../utils/useAction';
import { personName, useT } from '../utils/useT';

type KindFilter = NonNullable<GetPeople.Request['query']['kind']>;

/** SPEC §9 People: externals (search, block/unblock, edit, delete) and anyone's extranet groups. */
const PeopleList = () => {
  const t = useT();
  const api = useExtranetApi();
  const run = useAction();
  const notifySuccess = useNotifySuccess();
  const [search, setSearch] = React.useState('');
  const [kind, setKind] = React.useState<KindFilter>('external');
  const [editing, setEditing] = React.useState<Person | null>(null);
  const [deleting, setDeleting] = React.useState<Person | null>(null);
  const people = useLoader(
    () => api.people.list({ q: search || undefined, kind, pageSize: 100 }),
    [search, kind],
  );
  const rows = people.data?.data ?? [];
  const reloadAfter = (done: boolean) => {
    if (done) people.reload();
  };

  const block = (person: Person) =>
    run(
      () => api.people.block(person.id, !person.blocked),
      person.blocked
        ? ['person.unblocked', '{name} may sign in again', { name: personName(person) }]
        : ['person.blocked', '{name} is blocked', { name: personName(person) }],
    ).then(reloadAfter);

  return (
    <PageLayout
      title={t('people.title', 'People')}
      subtitle={t('people.subtitle', 'Partner accounts and everyone’s extranet access')}
      filters={
        <Flex gap={2}>
          <SearchField
            value={search}
            onChange={setSearch}
            label={t('people.search', 'Search people')}
            clearLabel={t('people.search.clear', 'Clear the search')}
          />
          <FilterSelect
            label={t('people.filter.kind', 'Kind')}
            value={kind}
            onChange={(value) => setKind(value as KindFilter)}
            options={[
              ['external', t('people.filter.external', 'Partners')],
              ['employee', t('people.filter.employee', 'Employees')],
              ['all', t('people.filter.all', 'Everyone')],
            ]}
          />
        </Flex>
      }
    >
      <DataTable
        rows={rows}
        rowKey={(person) => person.id}
        isLoading={people.isLoading}
        empty={t('people.empty', 'Nobody matches.')}
        columns={[
          {
            label: t('people.column.name', 'Name'),
            cell: (person) => (
              <Flex gap={2}>
                <Typography fontWeight="bold">{personName(person)}</Typography>
                {person.blocked ? <Badge>{t('person.blocked.badge', 'Blocked')}</Badge> : null}
                {person.visibleToAllExtranet ? (
                  <Earth aria-label={t('person.visibleToAll.badge', 'Visible to all')} />
                ) : null}
              </Flex>
            ),
          },
          { label: t('people.column.email', 'E-mail'), cell: (person) => person.email },
          { label: t('people.column.company', 'Company'), cell: (person) => person.company ?? '—' },
          { label: t('people.column.kind', 'Kind'), cell: (person) => <KindBadge kind={person.kind} /> },
          {
            label: t('people.column.groups', 'Extranet groups'),
            cell: (person) => person.extranetGroups.join(', ') || '—',
          },
          {
            label: t('people.column.actions', 'Actions'),
            cell: (person) => {
              const name = personName(person);
              const edit = {
                label: t('person.edit.label', 'Edit {name}', { name }),
                icon: <Pencil />,
                onClick: () => setEditing(person),
              };
              if (person.kind !== 'external') return <RowActions actions={[edit]} />;
              const blockLabel = person.blocked
                ? t('person.unblock.label', 'Unblock {name}', { name })
                : t('person.block.label', 'Block {name}', { name });
              return (
                <RowActions
                  actions={[
                    edit,
                    { label: blockLabel, icon: <Lock />, onClick: () => block(person) },
                    {
                      label: t('person.delete.label', 'Delete {name}', { name }),
                      icon: <Trash />,
                      onClick: () => setDeleting(person),
                    },
                  ]}
                />
              );
            },
          },
        ]}
      />
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
        onConfirm={(person) =>
          run(
            () => api.people.remove(person.id),
            ['person.deleted', '{name} was deleted', { name: personName(person) }],
          ).then(reloadAfter)
        }
      >
        {t(
          'person.delete.confirm',
          'Delete the account of {name}? Their memberships go with it and their seat is freed.',
          { name: personName(deleting) },
        )}
      </ConfirmItemAction>
    </PageLayout>
  );
};

export const PeoplePage = () => (
  <Page.Protect permissions={PERMISSIONS.people}>
    <PeopleList />
  </Page.Protect>
);
