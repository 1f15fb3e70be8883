import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import register from './register';

export default {
  register,
  bootstrap,
  config,
  contentTypes,
  controllers,
  routes,
  services,
};
