import * as React from 'react';
import { Button, Flex, Modal } from '@strapi/design-system';
import type { Topic } from '../../../shared/contracts';
import { useExtranetApi } from '../services/api';
import { useNotifyError } from '../services/errors';
import { fieldErrors } from '../utils/fieldErrors';
import { useT } from '../utils/useT';
import { TextField } from './TextField';

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
  const notifyError = useNotifyError();
  const [values, setValues] = React.useState({ name: '', description: '', sort: '' });
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  React.useEffect(() => {
    if (!open) return;
    setErrors({});
    setValues({
      name: topic?.name ?? '',
      description: topic?.description ?? '',
      sort: topic ? String(topic.sort) : '',
    });
  }, [open, topic]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const data = {
      name: values.name,
      description: values.description || null,
      ...(values.sort !== '' ? { sort: Number(values.sort) } : {}),
    };
    try {
      if (topic) await api.topics.update(topic.documentId, { data });
      else await api.topics.create({ data });
      onSaved();
      onOpenChange(false);
    } catch (error) {
      setErrors(fieldErrors(error));
      notifyError(error);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>
              {topic
                ? t('topic.edit.title', 'Edit {name}', { name: topic.name })
                : t('topic.create.title', 'Create a topic')}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <TextField
                name="name"
                label={t('topic.field.name', 'Name')}
                value={values.name}
                onChange={(name) => setValues((v) => ({ ...v, name }))}
                required
                error={errors.name}
              />
              <TextField
                name="description"
                label={t('topic.field.description', 'Description')}
                value={values.description}
                onChange={(description) => setValues((v) => ({ ...v, description }))}
                multiline
                error={errors.description}
              />
              <TextField
                name="sort"
                type="number"
                label={t('topic.field.sort', 'Sort order')}
                value={values.sort}
                onChange={(sort) => setValues((v) => ({ ...v, sort }))}
                error={errors.sort}
              />
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit">{t('action.save', 'Save')}</Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
