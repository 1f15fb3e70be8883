export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  // The admin pages are built into the admin panel, not the server: editing them must not
  // restart `strapi develop`.
  watchIgnoreFiles: ['**/plugins/extranet/admin/**', '**/plugins/extranet/dist/admin/**', '**/docs/**'],
  flags: {
    nps: false,
    promoteEE: false,
  },
});
