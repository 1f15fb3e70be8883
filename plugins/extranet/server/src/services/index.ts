import account from './account';
import activity from './activity';
import expiry from './expiry';
import explain from './explain';
import externals from './externals';
import itemAudience from './item-audience';
import invitations from './invitations';
import members from './members';
import messages from './messages';
import notifications from './notifications';
import outbox from './outbox';
import people from './people';
import report from './report';
import review from './review';
import rateLimits from './rate-limits';
import seats from './seats';
import topic from './topic';
import topics from './topics';
import viewAs from './view-as';
import workgroup from './workgroup';
import workgroupAccess from './workgroup-access';
import workgroupListing from './workgroup-listing';
import workgroups from './workgroups';

export default {
  account,
  activity,
  expiry,
  explain,
  externals,
  'item-audience': itemAudience,
  invitations,
  members,
  messages,
  notifications,
  outbox,
  people,
  report,
  review,
  'rate-limits': rateLimits,
  seats,
  topic,
  topics,
  'view-as': viewAs,
  workgroup,
  'workgroup-access': workgroupAccess,
  'workgroup-listing': workgroupListing,
  workgroups,
};
