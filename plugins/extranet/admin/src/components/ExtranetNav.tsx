import { Divider } from '@strapi/design-system';
import { SubNav, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../constants';
import { pluginId } from '../pluginId';
import { useT } from '../utils/useT';

/** The Extranet section's own navigation, like the Settings and the Content Manager have. */
export const ExtranetNav = () => {
  const t = useT();
  const { allowedActions } = useRBAC(PERMISSIONS.all);
  const label = t('plugin.name', 'Extranet');
  const base = `/plugins/${pluginId}`;
  return (
    <SubNav.Main aria-label={label}>
      <SubNav.Header label={label} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {[
            <SubNav.Section key="manage" label={t('nav.section', 'Manage')}>
              {[
                <SubNav.Link
                  key="workgroups"
                  to={`${base}/workgroups`}
                  label={t('nav.workgroups', 'Workgroups')}
                />,
                ...(allowedActions.canPeopleManage
                  ? [<SubNav.Link key="people" to={`${base}/people`} label={t('nav.people', 'People')} />]
                  : []),
                <SubNav.Link key="seats" to={`${base}/seats`} label={t('nav.seats', 'Seats')} />,
                <SubNav.Link key="topics" to={`${base}/topics`} label={t('nav.topics', 'Topics')} />,
              ]}
            </SubNav.Section>,
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};
