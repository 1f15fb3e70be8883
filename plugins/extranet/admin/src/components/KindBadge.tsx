import { Badge } from '@strapi/design-system';
import type { PersonKind } from '../../../shared/contracts';
import { useT } from '../utils/useT';

/** Partner or employee (SPEC §2), as the lists show a person's kind. */
export const KindBadge = ({ kind }: { kind: PersonKind }) => {
  const t = useT();
  return (
    <Badge active={kind === 'external'}>
      {kind === 'external' ? t('kind.external', 'Partner') : t('kind.employee', 'Employee')}
    </Badge>
  );
};
