import invitationPages from './invitation-pages';
import manage from './manage';

/** Admin-type routes, served under `/extranet/...`: the public invitation pages and the admin's JSON API. */
export default {
  type: 'admin',
  routes: [...invitationPages.routes, ...manage],
};
