import * as React from 'react';
import { Checkbox, Combobox, ComboboxOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type {
  CreateWorkgroup,
  FindUsers,
  Topic,
  UpdateWorkgroup,
  Workgroup,
} from '../../../shared/contracts';
import { adminCreateWorkgroupSchema, updateWorkgroupSchema } from '../../../shared/validation-schemas';
import { useExtranetApi, useLoader } from '../services/api';
import { formRequest, useSchemaForm } from '../utils/useSchemaForm';
import { personName, useT } from '../utils/useT';
import { FormField } from './FormField';
import { FormModal } from './FormModal';
import { TextField } from './TextField';

/**
 * Creates a workgroup (naming its owner, a users-permissions user: SPEC §9) or edits one. The
 * site flag is fixed once created (SPEC §3), so editing shows it disabled. The form checks each
 * body with the schema the server checks it with (shared/validation-schemas.ts) before sending.
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
  const form = useSchemaForm({
    name: '',
    topic: '',
    extranet: true,
    description: '',
    keywords: '',
    owner: '',
  });
  const { values, errors, set, reset } = form;
  const [search, setSearch] = React.useState('');
  const users = useLoader<FindUsers.Response['data']>(
    () => (open && !workgroup ? api.workgroups.users(search).then((r) => r.data) : Promise.resolve([])),
    [open, search],
  );

  React.useEffect(() => {
    if (!open) return;
    reset({
      name: workgroup?.name ?? '',
      topic: workgroup?.topic?.documentId ?? '',
      extranet: workgroup?.extranet ?? true,
      description: workgroup?.description ?? '',
      keywords: workgroup?.keywords ?? '',
      owner: '',
    });
  }, [open, workgroup, reset]);

  const submit = async () => {
    const common = {
      name: values.name,
      topic: values.topic,
      description: values.description || null,
      keywords: values.keywords || null,
    };
    const saved = await form.submit(
      workgroup
        ? formRequest<UpdateWorkgroup.Request['body']['data']>(updateWorkgroupSchema, common, async (data) =>
            onSaved((await api.workgroups.update(workgroup.documentId, { data })).data),
          )
        : formRequest<CreateWorkgroup.Request['body']['data']>(
            adminCreateWorkgroupSchema,
            // No owner picked: missing, so that the schema says it is required.
            { ...common, extranet: values.extranet, owner: Number(values.owner) || undefined },
            async (data) => onSaved((await api.workgroups.create({ data })).data),
          ),
    );
    if (saved) onOpenChange(false);
  };

  return (
    <FormModal
      open={open}
      onOpenChange={onOpenChange}
      title={
        workgroup
          ? t('workgroup.edit.title', 'Edit {name}', { name: workgroup.name })
          : t('workgroup.create.title', 'Create a workgroup')
      }
      onSubmit={submit}
      submitLabel={workgroup ? t('action.save', 'Save') : t('workgroup.create.submit', 'Create workgroup')}
      submitting={form.submitting}
    >
      <TextField {...form.field('name')} label={t('workgroup.field.name', 'Name')} required />
      <FormField name="topic" label={t('workgroup.field.topic', 'Topic')} required error={errors.topic}>
        <SingleSelect
          value={values.topic}
          onChange={(topic) => set('topic')(String(topic))}
          placeholder={t('workgroup.field.topic.placeholder', 'Choose a topic')}
        >
          {topics.map((topic) => (
            <SingleSelectOption key={topic.documentId} value={topic.documentId}>
              {topic.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </FormField>
      <FormField
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
      </FormField>
      {workgroup ? null : (
        <FormField
          name="owner"
          label={t('workgroup.field.owner', 'Owner')}
          required
          error={errors.owner}
          hint={t(
            'workgroup.field.owner.hint',
            'A users-permissions user; they become the owner of the workgroup.',
          )}
        >
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
        </FormField>
      )}
      <TextField
        {...form.field('description')}
        label={t('workgroup.field.description', 'Description')}
        multiline
      />
      <TextField {...form.field('keywords')} label={t('workgroup.field.keywords', 'Keywords')} />
    </FormModal>
  );
};
