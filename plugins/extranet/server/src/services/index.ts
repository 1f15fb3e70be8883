import activity from './activity';
import externals from './externals';
import members from './members';
import messages from './messages';
import people from './people';
import seats from './seats';
import topic from './topic';
import topics from './topics';
import workgroup from './workgroup';
import workgroupAccess from './workgroup-access';
import workgroups from './workgroups';

export default {
  activity,
  externals,
  members,
  messages,
  people,
  seats,
  topic,
  topics,
  workgroup,
  'workgroup-access': workgroupAccess,
  workgroups,
};
