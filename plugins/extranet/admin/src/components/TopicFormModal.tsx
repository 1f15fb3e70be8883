import * as React from 'react';
import type { SaveTopic, Topic } from '../../../shared/contracts';
import { createTopicSchema, updateTopicSchema } from '../../../shared/validation-schemas';
import { useExtranetApi } from '../services/api';
import { formRequest, useSchemaForm } from '../utils/useSchemaForm';
import { useT } from '../utils/useT';
import { FormModal } from './FormModal';
import { TextField } from './TextField';

/** Creates a topic or edits one (SPEC §3), checked by the schema the server checks it with. */
export const TopicFormModal = ({
  open,
  onOpenChange,
  topic,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  topic?: Topic;
  onSaved: () => void;
}) => {
  const t = useT();
  const api = useExtranetApi();
  const form = useSchemaForm({ name: '', description: '', sort: '' });
  const { reset } = form;
  React.useEffect(() => {
    if (!open) return;
    reset({
      name: topic?.name ?? '',
      description: topic?.description ?? '',
      sort: topic ? String(topic.sort) : '',
    });
  }, [open, topic, reset]);

  const submit = async () => {
    const { values } = form;
    const data = {
      name: values.name,
      description: values.description || null,
      ...(values.sort !== '' ? { sort: Number(values.sort) } : {}),
    };
    const saved = await form.submit(
      topic
        ? formRequest<SaveTopic.Request['body']['data']>(updateTopicSchema, data, (body) =>
            api.topics.update(topic.documentId, { data: body }),
          )
        : formRequest<SaveTopic.Request['body']['data']>(createTopicSchema, data, (body) =>
            api.topics.create({ data: body }),
          ),
    );
    if (!saved) return;
    onSaved();
    onOpenChange(false);
  };

  return (
    <FormModal
      open={open}
      onOpenChange={onOpenChange}
      title={
        topic
          ? t('topic.edit.title', 'Edit {name}', { name: topic.name })
          : t('topic.create.title', 'Create a topic')
      }
      onSubmit={submit}
      submitLabel={t('action.save', 'Save')}
      submitting={form.submitting}
    >
      <TextField {...form.field('name')} label={t('topic.field.name', 'Name')} required />
      <TextField
        {...form.field('description')}
        label={t('topic.field.description', 'Description')}
        multiline
      />
      <TextField {...form.field('sort')} type="number" label={t('topic.field.sort', 'Sort order')} />
    </FormModal>
  );
};
