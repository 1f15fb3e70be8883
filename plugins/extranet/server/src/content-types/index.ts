import accessGroup from './access-group';
import activity from './activity';
import invitation from './invitation';
import membership from './membership';
import message from './message';
import review from './review';
import reviewDecision from './review-decision';
import notificationSetting from './notification-setting';
import outboxMail from './outbox-mail';
import topic from './topic';
import workgroup from './workgroup';

export default {
  'access-group': accessGroup,
  activity,
  invitation,
  membership,
  message,
  review,
  'review-decision': reviewDecision,
  'notification-setting': notificationSetting,
  'outbox-mail': outboxMail,
  topic,
  workgroup,
};
