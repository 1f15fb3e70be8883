/**
 * The public invitation pages, `GET` and `POST /extranet/invitations/:token`: server-rendered
 * HTML, open to anyone holding the token (`auth: false`); the POST is rate-limited like the JSON
 * accept route.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/invitations/:token',
      handler: 'pages.invitation',
      config: { auth: false, policies: [] as string[] },
    },
    {
      method: 'POST',
      path: '/invitations/:token',
      handler: 'pages.acceptInvitation',
      config: {
        auth: false,
        policies: [] as string[],
        middlewares: [{ name: 'plugin::extranet.rate-limit', config: { limit: 'accept', page: true } }],
      },
    },
    // One click from a notification mail (SPEC §11): the signed token is the credential.
    {
      method: 'GET',
      path: '/notifications/unsubscribe/:token',
      handler: 'pages.unsubscribe',
      config: { auth: false, policies: [] as string[] },
    },
    {
      method: 'POST',
      path: '/notifications/unsubscribe/:token',
      handler: 'pages.unsubscribe',
      config: { auth: false, policies: [] as string[] },
    },
  ],
};
