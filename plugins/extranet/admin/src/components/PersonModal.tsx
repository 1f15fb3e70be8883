import * as React from 'react';
import { Checkbox, Flex, Typography } from '@strapi/design-system';
import {
  GROUP_KEYS,
  type GroupKey,
  type Person,
  type UpdatePerson,
  type UpdatePersonAccess,
} from '../../../shared/contracts';
import { personAccessSchema, personProfileSchema } from '../../../shared/validation-schemas';
import { useExtranetApi } from '../services/api';
import { formRequest, useSchemaForm, type FormRequest } from '../utils/useSchemaForm';
import { personName, useT } from '../utils/useT';
import { FormField } from './FormField';
import { FormModal } from './FormModal';
import { TextField } from './TextField';

const BLANK = {
  firstname: '',
  lastname: '',
  company: '',
  position: '',
  email: '',
  extranetGroups: [] as GroupKey[],
  visibleToAllExtranet: false,
};
type ProfileField = 'firstname' | 'lastname' | 'company' | 'position' | 'email';

/**
 * One person: the profile of an external (SPEC §2: employees are managed by the company), and for
 * anyone the four extranet groups and "visible to all". Granting extranet-users takes a seat.
 * Both bodies are checked with the schemas the server checks them with before either is sent.
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
  const form = useSchemaForm(BLANK);
  const { values, errors, set, reset } = form;

  React.useEffect(() => {
    if (!person) return;
    reset({
      firstname: person.firstname ?? '',
      lastname: person.lastname ?? '',
      company: person.company ?? '',
      position: person.position ?? '',
      email: person.email,
      extranetGroups: person.extranetGroups,
      visibleToAllExtranet: person.visibleToAllExtranet,
    });
  }, [person, reset]);

  const groupLabels: Record<GroupKey, string> = {
    'extranet-users': t('group.extranet-users', 'Extranet users (may enter the extranet)'),
    'extranet-admins': t('group.extranet-admins', 'Extranet site administrators'),
    'group-creators': t('group.group-creators', 'Allowed to create extranet groups'),
    'extranet-support': t('group.extranet-support', 'Extranet support'),
  };

  const submit = async () => {
    if (!person) return;
    const requests: FormRequest[] = [];
    if (person.kind === 'external') {
      const profile = {
        firstname: values.firstname,
        lastname: values.lastname,
        company: values.company || null,
        position: values.position || null,
        email: values.email,
      };
      requests.push(
        formRequest<UpdatePerson.Request['body']['data']>(personProfileSchema, profile, (data) =>
          api.people.update(person.id, { data }),
        ),
      );
    }
    const access = {
      extranetGroups: values.extranetGroups,
      visibleToAllExtranet: values.visibleToAllExtranet,
    };
    requests.push(
      formRequest<UpdatePersonAccess.Request['body']>(personAccessSchema, access, (body) =>
        api.people.setAccess(person.id, body),
      ),
    );
    if (!(await form.submit(...requests))) return;
    onSaved();
    onOpenChange(false);
  };

  const text = (key: ProfileField, label: string) => <TextField {...form.field(key)} label={label} />;

  return (
    <FormModal
      open={!!person}
      onOpenChange={onOpenChange}
      title={t('person.edit.title', 'Edit {name}', { name: personName(person) })}
      onSubmit={submit}
      submitLabel={t('action.save', 'Save')}
      submitting={form.submitting}
    >
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
      <FormField
        name="extranetGroups"
        label={t('person.field.groups', 'Extranet groups')}
        error={errors.extranetGroups}
      >
        <Flex direction="column" alignItems="flex-start" gap={2}>
          {GROUP_KEYS.map((key) => (
            <Checkbox
              key={key}
              checked={values.extranetGroups.includes(key)}
              onCheckedChange={(checked) =>
                set('extranetGroups')(
                  checked === true
                    ? [...values.extranetGroups, key]
                    : values.extranetGroups.filter((k) => k !== key),
                )
              }
            >
              {groupLabels[key]}
            </Checkbox>
          ))}
        </Flex>
      </FormField>
      <Checkbox
        checked={values.visibleToAllExtranet}
        onCheckedChange={(checked) => set('visibleToAllExtranet')(checked === true)}
      >
        {t('person.field.visibleToAll', 'Visible to all in the extranet')}
      </Checkbox>
    </FormModal>
  );
};
