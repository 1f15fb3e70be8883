import * as React from 'react';
import { Button, Checkbox, Field, Flex, Modal, Typography } from '@strapi/design-system';
import { GROUP_KEYS, type GroupKey, type Person } from '../../../shared/contracts';
import { useExtranetApi } from '../services/api';
import { useNotifyError } from '../services/errors';
import { fieldErrors } from '../utils/fieldErrors';
import { personName, useT } from '../utils/useT';
import { TextField } from './TextField';

/**
 * One person: the profile of an external (SPEC §2: employees are managed by the company), and for
 * anyone the four extranet groups and "visible to all". Granting extranet-users takes a seat.
 */
export const PersonModal = ({
  person,
  onOpenChange,
  onSaved,
}: {
  person: Person | null;
  onOpenChange: (open: boolean) => void;
  onSaved: () => void;
}) => {
  const t = useT();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const [profile, setProfile] = React.useState({
    firstname: '',
    lastname: '',
    company: '',
    position: '',
    email: '',
  });
  const [groups, setGroups] = React.useState<GroupKey[]>([]);
  const [visible, setVisible] = React.useState(false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  React.useEffect(() => {
    if (!person) return;
    setErrors({});
    setProfile({
      firstname: person.firstname ?? '',
      lastname: person.lastname ?? '',
      company: person.company ?? '',
      position: person.position ?? '',
      email: person.email,
    });
    setGroups(person.extranetGroups);
    setVisible(person.visibleToAllExtranet);
  }, [person]);

  const groupLabels: Record<GroupKey, string> = {
    'extranet-users': t('group.extranet-users', 'Extranet users (may enter the extranet)'),
    'extranet-admins': t('group.extranet-admins', 'Extranet site administrators'),
    'group-creators': t('group.group-creators', 'Allowed to create extranet groups'),
    'extranet-support': t('group.extranet-support', 'Extranet support'),
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!person) return;
    try {
      if (person.kind === 'external') {
        await api.people.update(person.id, {
          data: {
            firstname: profile.firstname,
            lastname: profile.lastname,
            company: profile.company || null,
            position: profile.position || null,
            email: profile.email,
          },
        });
      }
      await api.people.setAccess(person.id, { extranetGroups: groups, visibleToAllExtranet: visible });
      onSaved();
      onOpenChange(false);
    } catch (error) {
      setErrors(fieldErrors(error));
      notifyError(error);
    }
  };

  const text = (key: keyof typeof profile, label: string) => (
    <TextField
      name={key}
      label={label}
      value={profile[key]}
      onChange={(value) => setProfile((p) => ({ ...p, [key]: value }))}
      error={errors[key]}
    />
  );

  return (
    <Modal.Root open={!!person} onOpenChange={onOpenChange}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{t('person.edit.title', 'Edit {name}', { name: personName(person) })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {person?.kind === 'external' ? (
                <>
                  {text('firstname', t('person.field.firstname', 'First name'))}
                  {text('lastname', t('person.field.lastname', 'Last name'))}
                  {text('email', t('person.field.email', 'E-mail'))}
                  {text('company', t('person.field.company', 'Company'))}
                  {text('position', t('person.field.position', 'Position'))}
                </>
              ) : (
                <Typography textColor="neutral600">
                  {t(
                    'person.employee.help',
                    'Employees are managed by the company; here you set their extranet access.',
                  )}
                </Typography>
              )}
              <Field.Root name="extranetGroups" error={errors.extranetGroups}>
                <Field.Label>{t('person.field.groups', 'Extranet groups')}</Field.Label>
                <Flex direction="column" alignItems="flex-start" gap={2}>
                  {GROUP_KEYS.map((key) => (
                    <Checkbox
                      key={key}
                      checked={groups.includes(key)}
                      onCheckedChange={(checked) =>
                        setGroups((g) => (checked === true ? [...g, key] : g.filter((k) => k !== key)))
                      }
                    >
                      {groupLabels[key]}
                    </Checkbox>
                  ))}
                </Flex>
                <Field.Error />
              </Field.Root>
              <Checkbox checked={visible} onCheckedChange={(checked) => setVisible(checked === true)}>
                {t('person.field.visibleToAll', 'Visible to all in the extranet')}
              </Checkbox>
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
