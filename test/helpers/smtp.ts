/**
 * A real SMTP listener on loopback (the `smtp-server` package) that keeps every message it
 * receives, parsed with `mailparser`. Strapi's nodemailer provider talks to it through
 * SMTP_HOST/SMTP_PORT (see config/plugins.ts).
 */
import net from 'net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  /** envelope recipients, as the server saw them */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpListener {
  port: number;
  messages: ReceivedMail[];
  /** resolves with the first message (already received or still to come) that matches */
  waitFor: (match: (mail: ReceivedMail, index: number) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  /** the next message to `address` after the `after` first messages */
  nextTo: (address: string, after: number, timeoutMs?: number) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
}

/** A port nobody listens on (taken from the OS, then released). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export async function startSmtp(port = 0): Promise<SmtpListener> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream: NodeJS.ReadableStream, session: any, callback: (error?: Error | null) => void) {
      simpleParser(stream as any)
        .then((parsed: any) => {
          messages.push({
            to: session.envelope.rcptTo.map((r: any) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          });
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client that goes away mid-session (a node stopped or killed by its test) resets its
  // connection: smtp-server reports that as an 'error' event, which unheard would crash the
  // test file. The mails it had delivered are in `messages` already.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.warn(`smtp listener: ${error.message}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as net.AddressInfo).port;

  const waitFor = (match: (mail: ReceivedMail, index: number) => boolean, timeoutMs = 10000) =>
    new Promise<ReceivedMail>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching mail within ${timeoutMs} ms (got ${messages.length})`)), timeoutMs);
      const check = () => {
        const found = messages.find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else {
          waiters.push(check);
        }
      };
      check();
    });

  return {
    port: actualPort,
    messages,
    waitFor,
    nextTo: (address, after, timeoutMs) => waitFor((mail, i) => i >= after && mail.to.includes(address), timeoutMs),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The acceptance link in an invitation mail (the plain-text part). */
export const invitationLink = (mail: ReceivedMail) => {
  const match = mail.text.match(/https?:\/\/\S+\/extranet\/invitations\/[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return match[0];
};

export const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
