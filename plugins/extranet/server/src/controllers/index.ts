import account from './account';
import activity from './activity';
import adminGovernance from './admin/governance';
import adminInvitations from './admin/invitations';
import adminMembers from './admin/members';
import adminOverview from './admin/overview';
import adminPeople from './admin/people';
import adminTopics from './admin/topics';
import adminWorkgroup from './admin/workgroup';
import contacts from './contacts';
import explain from './explain';
import external from './external';
import invitation from './invitation';
import me from './me';
import members from './members';
import message from './message';
import notifications from './notifications';
import pages from './pages';
import report from './report';
import review from './review';
import seat from './seat';
import topic from './topic';
import workgroup from './workgroup';

export default {
  'admin-governance': adminGovernance,
  'admin-invitations': adminInvitations,
  'admin-members': adminMembers,
  'admin-overview': adminOverview,
  'admin-people': adminPeople,
  'admin-report': report,
  'admin-topics': adminTopics,
  'admin-workgroup': adminWorkgroup,
  account,
  activity,
  contacts,
  explain,
  external,
  invitation,
  me,
  members,
  message,
  notifications,
  pages,
  report,
  review,
  seat,
  topic,
  workgroup,
};
