// users-permissions and graphql are declared before extranet: plugins bootstrap in this order,
// and the extranet bootstrap needs the users-permissions roles to exist.
export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwt: { expiresIn: '7d' },
    },
  },
  graphql: {
    enabled: true,
    config: {
      landingPage: false,
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 1025),
        secure: env.bool('SMTP_SECURE', false),
        ignoreTLS: !env.bool('SMTP_SECURE', false) && !env.bool('SMTP_STARTTLS', false),
        // An unreachable SMTP host must fail an invitation in seconds, not in nodemailer's 2 minutes.
        connectionTimeout: env.int('SMTP_TIMEOUT_MS', 10000),
        greetingTimeout: env.int('SMTP_TIMEOUT_MS', 10000),
        // A server that stops answering mid-message fails the attempt; the outbox retries it.
        socketTimeout: env.int('SMTP_SOCKET_TIMEOUT_MS', 30000),
        ...(env('SMTP_USERNAME')
          ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } }
          : {}),
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'extranet@example.com'),
        defaultReplyTo: env('EMAIL_FROM', 'extranet@example.com'),
      },
    },
  },
  extranet: {
    enabled: true,
    resolve: './plugins/extranet',
    config: {
      scoped: {
        'api::document.document': { mode: 'workgroup' },
        'api::task.task': { mode: 'workgroup' },
        'api::event.event': { mode: 'workgroup' },
        'api::post.post': { mode: 'workgroup' },
        'api::ticket.ticket': { mode: 'owner' },
      },
      seatLimit: env.int('EXTRANET_SEAT_LIMIT', 50),
      invitationTtlHours: env.int('EXTRANET_INVITATION_TTL_HOURS', 168),
      publicUrl: env('EXTRANET_PUBLIC_URL', 'http://localhost:1337'),
      frontendUrl: env('EXTRANET_FRONTEND_URL', 'http://localhost:3000'),
      allowedEmailDomains: env.array('EXTRANET_ALLOWED_EMAIL_DOMAINS', []),
      blockedEmailDomains: env.array('EXTRANET_BLOCKED_EMAIL_DOMAINS', []),
      fileUrlTtlMinutes: env.float('EXTRANET_FILE_URL_TTL_MINUTES', 15),
      externalMembershipDays: env.int('EXTRANET_EXTERNAL_MEMBERSHIP_DAYS', null),
      expiryReminderDays: env.int('EXTRANET_EXPIRY_REMINDER_DAYS', 7),
      mailRetries: env.int('EXTRANET_MAIL_RETRIES', 5),
      mailRetryDelaySeconds: env.float('EXTRANET_MAIL_RETRY_DELAY_SECONDS', 15),
      mailWorker: env.bool('EXTRANET_MAIL_WORKER', true),
      mailLeaseSeconds: env.float('EXTRANET_MAIL_LEASE_SECONDS', 120),
      notificationDigestMinutes: env.float('EXTRANET_NOTIFICATION_DIGEST_MINUTES', 60),
      // e.g. EXTRANET_RATE_LIMITS='{"invite":{"max":20,"windowSeconds":3600}}'; the rest keep their defaults.
      ...(env('EXTRANET_RATE_LIMITS') ? { rateLimits: env.json('EXTRANET_RATE_LIMITS') } : {}),
    },
  },
});
