import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

/** `t('workgroups.title', 'Workgroups')`: every string of the pages goes through react-intl. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return (
    id: string,
    defaultMessage: string,
    values?: Record<string, string | number | boolean | null | undefined>,
  ) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
};

export const personName = (
  p:
    | { firstname?: string | null; lastname?: string | null; username?: string; email?: string | null }
    | null
    | undefined,
) => (p ? [p.firstname, p.lastname].filter(Boolean).join(' ') || p.username || p.email || '' : '');
