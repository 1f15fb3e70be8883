import { useIntl } from 'react-intl';
import { isFetchError, useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';
import { apiErrorOf } from '../utils/fieldErrors';
import { getTranslation } from '../utils/getTranslation';

/** The SPEC §8 error names the pages translate (translations/en.json `error.<name>`). */
const KNOWN = [
  'ValidationError',
  'NotFoundError',
  'ForbiddenError',
  'PolicyError',
  'WorkgroupArchived',
  'OwnerRequired',
  'WorkgroupNameTaken',
  'TopicInUse',
  'TopicNameTaken',
  'AlreadyMember',
  'InvitationPending',
  'InvitationClosed',
  'SeatLimitReached',
  'InvitationInvalid',
  'EmailDomainNotAllowed',
  'ExternalNotAllowed',
  'RateLimitError',
];

/**
 * Turns a failed request into a notification: the plugin's own message for a SPEC §8 error
 * (with the field for a ValidationError), Strapi's formatting for anything else.
 */
export const useNotifyError = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  return (error: unknown) => {
    const apiError = apiErrorOf(error);
    let message: string;
    if (apiError && KNOWN.includes(apiError.name)) {
      const first = apiError.details?.errors?.[0];
      message = formatMessage(
        { id: getTranslation(`error.${apiError.name}`), defaultMessage: apiError.message },
        { field: first?.path?.join('.') ?? '', detail: first?.message ?? apiError.message },
      );
    } else if (isFetchError(error) && error.response) {
      message = formatAPIError(error);
    } else {
      const text = (error as { message?: unknown } | null)?.message;
      message = String(text ?? error);
    }
    toggleNotification({ type: 'danger', message });
  };
};

export const useNotifySuccess = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    toggleNotification({
      type: 'success',
      message: formatMessage({ id: getTranslation(id), defaultMessage }, values),
    });
};
