import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import register from './register';

export default {
  register,
  bootstrap,
  config,
  contentTypes,
};
