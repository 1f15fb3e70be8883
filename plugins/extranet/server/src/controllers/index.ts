import activity from './activity';
import contacts from './contacts';
import externals from './externals';
import invitations from './invitations';
import me from './me';
import members from './members';
import messages from './messages';
import seats from './seats';
import topic from './topic';
import workgroup from './workgroup';

export default { activity, contacts, externals, invitations, me, members, messages, seats, topic, workgroup };
