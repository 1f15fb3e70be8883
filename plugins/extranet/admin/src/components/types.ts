import type { Workgroup } from '../../../shared/contracts';

/** What each tab of a workgroup's page gets: the workgroup, whether the editor manages it, and a way to say it changed. */
export interface WorkgroupTabProps {
  workgroup: Workgroup;
  canManage: boolean;
  onChange: () => void;
}
