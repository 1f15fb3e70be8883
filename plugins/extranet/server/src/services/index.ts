import account from './account';
import activity from './activity';
import expiry from './expiry';
import explain from './explain';
import externals from './externals';
import itemAudience from './item-audience';
import invitations from './invitations';
import membership from './membership';
import messages from './messages';
import notifications from './notifications';
import outbox from './outbox';
import people from './people';
import report from './report';
import review from './review';
import rateLimits from './rate-limits';
import seats from './seats';
import topic from './topic';
import viewAs from './view-as';
import workgroup from './workgroup';
import workgroupAccess from './workgroup-access';

export default {
  account,
  activity,
  expiry,
  explain,
  externals,
  'item-audience': itemAudience,
  invitations,
  membership,
  messages,
  notifications,
  outbox,
  people,
  report,
  review,
  'rate-limits': rateLimits,
  seats,
  topic,
  'view-as': viewAs,
  workgroup,
  'workgroup-access': workgroupAccess,
};
