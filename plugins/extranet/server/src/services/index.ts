import account from './account';
import activity from './activity';
import expiry from './expiry';
import explain from './explain';
import external from './external';
import invitation from './invitation';
import itemAudience from './item-audience';
import membership from './membership';
import message from './message';
import notifications from './notifications';
import outbox from './outbox';
import people from './people';
import report from './report';
import review from './review';
import rateLimits from './rate-limits';
import seat from './seat';
import topic from './topic';
import viewAs from './view-as';
import workgroup from './workgroup';
import workgroupAccess from './workgroup-access';

export default {
  account,
  activity,
  expiry,
  explain,
  external,
  invitation,
  'item-audience': itemAudience,
  membership,
  message,
  notifications,
  outbox,
  people,
  report,
  review,
  'rate-limits': rateLimits,
  seat,
  topic,
  'view-as': viewAs,
  workgroup,
  'workgroup-access': workgroupAccess,
};
