import { Badge, Flex } from '@strapi/design-system';
import { useT } from '../utils/useT';

export const SiteBadge = ({ extranet, archived }: { extranet: boolean; archived?: boolean }) => {
  const t = useT();
  return (
    <Flex gap={1}>
      <Badge active={extranet}>
        {extranet ? t('site.extranet', 'Extranet') : t('site.intranet', 'Intranet')}
      </Badge>
      {archived ? <Badge>{t('workgroup.archived', 'Archived')}</Badge> : null}
    </Flex>
  );
};
