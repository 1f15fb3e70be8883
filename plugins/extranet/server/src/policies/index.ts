import hasExtranetAccess from './has-extranet-access';
import isExtranetAdmin from './is-extranet-admin';
import isExtranetUser from './is-extranet-user';

export default {
  'has-extranet-access': hasExtranetAccess,
  'is-extranet-admin': isExtranetAdmin,
  'is-extranet-user': isExtranetUser,
};
