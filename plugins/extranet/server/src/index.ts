import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import middlewares from './middlewares';
import policies from './policies';
import routes from './routes';
import services from './services';
import register from './register';
import destroy from './destroy';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  middlewares,
  policies,
  routes,
  services,
};
