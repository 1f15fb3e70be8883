'use strict';
// One Strapi node in its own process, for multi-node tests: boots from dist/, listens on a free
// loopback port, prints "READY <port>", and shuts down cleanly on SIGTERM.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.join(__dirname, '..', '..');
createStrapi({ appDir: root, distDir: path.join(root, 'dist') })
  .load()
  .then((strapi) => {
    strapi.server.mount();
    const server = strapi.server.httpServer.listen(0, '127.0.0.1', () => {
      process.stdout.write(`READY ${server.address().port}\n`);
    });
    process.on('SIGTERM', async () => {
      try {
        await strapi.destroy();
      } catch (error) {
        console.error(error);
      } finally {
        process.exit(0);
      }
    });
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
