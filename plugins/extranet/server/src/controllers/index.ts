import topic from './topic';
import workgroup from './workgroup';

export default { topic, workgroup };
