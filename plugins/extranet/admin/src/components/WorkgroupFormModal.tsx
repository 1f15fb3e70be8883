import * as React from 'react';
import {
  Button,
  Checkbox,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
} from '@strapi/design-system';
import type { FindUsers, Topic, Workgroup } from '../../../shared/contracts';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError } from '../services/errors';
import { fieldErrors } from '../utils/fieldErrors';
import { personName, useT } from '../utils/useT';
import { TextField } from './TextField';

/**
 * Creates a workgroup (naming its owner, a users-permissions user: SPEC §9) or edits one. The
 * site flag is fixed once created (SPEC §3), so editing shows it disabled.
 */
export const WorkgroupFormModal = ({
  open,
  onOpenChange,
  workgroup,
  topics,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  workgroup?: Workgroup;
  topics: Topic[];
  onSaved: (workgroup: Workgroup) => void;
}) => {
  const t = useT();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const [values, setValues] = React.useState({
    name: '',
    topic: '',
    extranet: true,
    description: '',
    keywords: '',
    owner: '',
  });
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [search, setSearch] = React.useState('');
  const [saving, setSaving] = React.useState(false);
  const users = useLoader<FindUsers.Response['data']>(
    () => (open && !workgroup ? api.workgroups.users(search).then((r) => r.data) : Promise.resolve([])),
    [open, search],
  );

  React.useEffect(() => {
    if (!open) return;
    setErrors({});
    setValues({
      name: workgroup?.name ?? '',
      topic: workgroup?.topic?.documentId ?? '',
      extranet: workgroup?.extranet ?? true,
      description: workgroup?.description ?? '',
      keywords: workgroup?.keywords ?? '',
      owner: '',
    });
  }, [open, workgroup]);

  const set = (key: keyof typeof values) => (value: any) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const common = {
        name: values.name,
        topic: values.topic,
        description: values.description || null,
        keywords: values.keywords || null,
      };
      const saved = workgroup
        ? await api.workgroups.update(workgroup.documentId, { data: common })
        : await api.workgroups.create({
            data: { ...common, extranet: values.extranet, owner: Number(values.owner) || (undefined as any) },
          });
      onSaved(saved.data);
      onOpenChange(false);
    } catch (error) {
      setErrors(fieldErrors(error));
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const title = workgroup
    ? t('workgroup.edit.title', 'Edit {name}', { name: workgroup.name })
    : t('workgroup.create.title', 'Create a workgroup');
  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <TextField
                name="name"
                label={t('workgroup.field.name', 'Name')}
                value={values.name}
                onChange={set('name')}
                required
                error={errors.name}
              />
              <Field.Root name="topic" required error={errors.topic}>
                <Field.Label>{t('workgroup.field.topic', 'Topic')}</Field.Label>
                <SingleSelect
                  value={values.topic}
                  onChange={set('topic')}
                  placeholder={t('workgroup.field.topic.placeholder', 'Choose a topic')}
                >
                  {topics.map((topic) => (
                    <SingleSelectOption key={topic.documentId} value={topic.documentId}>
                      {topic.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Error />
              </Field.Root>
              <Field.Root
                name="extranet"
                error={errors.extranet}
                hint={t(
                  'workgroup.field.extranet.hint',
                  'Only extranet workgroups may hold partners. This cannot be changed later.',
                )}
              >
                <Checkbox
                  checked={values.extranet}
                  disabled={!!workgroup}
                  onCheckedChange={(checked) => set('extranet')(checked === true)}
                >
                  {t('workgroup.field.extranet', 'Available in the extranet')}
                </Checkbox>
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              {workgroup ? null : (
                <Field.Root
                  name="owner"
                  required
                  error={errors.owner}
                  hint={t(
                    'workgroup.field.owner.hint',
                    'A users-permissions user; they become the owner of the workgroup.',
                  )}
                >
                  <Field.Label>{t('workgroup.field.owner', 'Owner')}</Field.Label>
                  <Combobox
                    value={values.owner}
                    onChange={(value) => set('owner')(value ?? '')}
                    onInputChange={(e) => setSearch(e.target.value)}
                    // The server searches; no inline completion typing over what the editor types.
                    autocomplete={{ type: 'list', filter: 'contains' }}
                    placeholder={t('workgroup.field.owner.placeholder', 'Search by name or e-mail')}
                  >
                    {(users.data ?? []).map((user) => (
                      <ComboboxOption key={user.id} value={String(user.id)}>
                        {`${personName(user)} <${user.email}>`}
                      </ComboboxOption>
                    ))}
                  </Combobox>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              )}
              <TextField
                name="description"
                label={t('workgroup.field.description', 'Description')}
                value={values.description}
                onChange={set('description')}
                multiline
                error={errors.description}
              />
              <TextField
                name="keywords"
                label={t('workgroup.field.keywords', 'Keywords')}
                value={values.keywords}
                onChange={set('keywords')}
                error={errors.keywords}
              />
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {workgroup ? t('action.save', 'Save') : t('workgroup.create.submit', 'Create workgroup')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
