import pages from './pages';
import manage from './manage';

/** Admin-type routes, served under `/extranet/...`: the public invitation pages and the admin's JSON API. */
export default {
  type: 'admin',
  routes: [...pages.routes, ...manage],
};
