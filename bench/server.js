'use strict';
// The Strapi under test, in its own process so the load generator does not share its CPU.
// Parent messages: { cmd: 'jwt', id } -> { jwt }; { cmd: 'scoping', on } -> { ok }.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.join(__dirname, '..');
createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') })
  .load()
  .then((strapi) => {
    strapi.server.mount();
    const server = strapi.server.httpServer.listen(0, '127.0.0.1', () => process.send({ ready: server.address().port }));
    process.on('message', async (message) => {
      if (message.cmd === 'jwt') {
        process.send({ jwt: strapi.plugin('users-permissions').service('jwt').issue({ id: message.id }) });
      } else if (message.cmd === 'scoping') {
        // The baseline: the query engine's lifecycles off, i.e. the plugin's read door removed.
        if (message.on) strapi.db.lifecycles.enable();
        else strapi.db.lifecycles.disable();
        process.send({ ok: true });
      } else if (message.cmd === 'stop') {
        await strapi.destroy();
        process.exit(0);
      }
    });
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
