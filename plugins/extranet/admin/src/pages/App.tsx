import { Layouts, Page } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ExtranetNav } from '../components/ExtranetNav';
import { PERMISSIONS } from '../constants';
import { PeoplePage } from './PeoplePage';
import { SeatsPage } from './SeatsPage';
import { TopicsPage } from './TopicsPage';
import { WorkgroupPage } from './WorkgroupPage';
import { WorkgroupsPage } from './WorkgroupsPage';

/** The Extranet section (SPEC §9): without workgroups-read, Strapi's "no permissions" page. */
export const App = () => (
  <Page.Protect permissions={PERMISSIONS.main}>
    <Layouts.Root sideNav={<ExtranetNav />}>
      <Routes>
        <Route index element={<Navigate to="workgroups" replace />} />
        <Route path="workgroups" element={<WorkgroupsPage />} />
        <Route path="workgroups/:id" element={<WorkgroupPage />} />
        <Route path="people" element={<PeoplePage />} />
        <Route path="seats" element={<SeatsPage />} />
        <Route path="topics" element={<TopicsPage />} />
      </Routes>
    </Layouts.Root>
  </Page.Protect>
);

export default App;
