import account from './account';
import activity from './activity';
import adminInvitations from './admin/invitations';
import adminMembers from './admin/members';
import adminOverview from './admin/overview';
import adminPeople from './admin/people';
import adminTopics from './admin/topics';
import adminWorkgroup from './admin/workgroup';
import contacts from './contacts';
import explain from './explain';
import externals from './externals';
import invitations from './invitations';
import me from './me';
import members from './members';
import messages from './messages';
import notifications from './notifications';
import pages from './pages';
import report from './report';
import review from './review';
import seats from './seats';
import topic from './topic';
import workgroup from './workgroup';

export default {
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
  externals,
  invitations,
  me,
  members,
  messages,
  notifications,
  pages,
  report,
  review,
  seats,
  topic,
  workgroup,
};
