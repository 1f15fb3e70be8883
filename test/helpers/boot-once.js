'use strict';
// Boots the compiled app once in its own process and exits: 0 when Strapi loaded, 1 with the error.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.join(__dirname, '..', '..');
createStrapi({ appDir: root, distDir: path.join(root, 'dist') })
  .load()
  .then(async (strapi) => {
    await strapi.destroy();
    process.exit(0);
  })
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
