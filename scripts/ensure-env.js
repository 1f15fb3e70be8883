'use strict';
// Writes a .env with fresh random secrets on first start, so a new clone runs without a hand step.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const file = path.join(__dirname, '..', '.env');
if (!fs.existsSync(file)) {
  const secret = () => crypto.randomBytes(24).toString('base64');
  const lines = [
    `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`,
    `API_TOKEN_SALT=${secret()}`,
    `ADMIN_JWT_SECRET=${secret()}`,
    `TRANSFER_TOKEN_SALT=${secret()}`,
    `JWT_SECRET=${secret()}`,
    `ENCRYPTION_KEY=${secret()}`,
  ];
  fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  console.log('Wrote .env with fresh secrets');
}
