import { winston, formats } from '@strapi/logger';

// LOG_LEVEL lets the test suite keep Strapi quiet without changing what the demo prints.
export default {
  level: process.env.LOG_LEVEL || 'http',
  format: formats.prettyPrint(),
  transports: [new winston.transports.Console()],
};
