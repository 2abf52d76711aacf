// Outgoing mail, used only for opt-in notifications whose text says nothing about a report
// (notification-email.ts). Built from config.smtp; with none configured, sending is a
// no-op that says so once in the log, so an instance without mail still runs its jobs.
import type { Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface MailMessage {
  /** One recipient address. */
  to: string;
  subject: string;
  /** Plain text only: no HTML, so no remote images or tracking links can slip in. */
  text: string;
}

export type SendResult = 'sent' | 'not_configured';

export interface Mailer {
  /** False when no SMTP server is configured: send() then sends nothing. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<SendResult>;
  /** Closes pooled connections (on shutdown). */
  close(): void;
}

/**
 * Sending failed. The message names only the stage and the SMTP codes: nodemailer's own
 * messages may quote the recipient address, and this text reaches the log and the jobs table.
 */
export class MailSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailSendError';
  }
}

export type MailLogger = Pick<Logger, 'info' | 'warn'>;

export function createMailer(smtp: SmtpConfig | null, logger: MailLogger): Mailer {
  if (!smtp) {
    let told = false;
    return {
      configured: false,
      async send() {
        if (!told) {
          told = true;
          logger.warn(
            'e-mail is not configured (QORGAN_SMTP_URL, QORGAN_SMTP_FROM): notification e-mails are not sent',
          );
        }
        return 'not_configured';
      },
      close() {},
    };
  }
  // nodemailer is loaded with the first message, not at start (a server that sends none
  // does not hold its code).
  let transport: Promise<Transporter> | undefined;
  const openTransport = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtp.url),
    ));
  return {
    configured: true,
    async send(message) {
      try {
        const opened = await openTransport();
        await opened.sendMail({
          from: smtp.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          // No X-Mailer or other header that names the software: the mail should look like
          // any other automatic message.
          xMailer: false,
        });
      } catch (error) {
        throw new MailSendError(describeFailure(error));
      }
      return 'sent';
    },
    close() {
      void transport?.then((opened) => opened.close());
    },
  };
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'sending the e-mail failed';
  const { code, responseCode, command } = error as Error & {
    code?: unknown;
    responseCode?: unknown;
    command?: unknown;
  };
  const parts = ['sending the e-mail failed'];
  if (typeof code === 'string' && /^[A-Z_]{1,32}$/.test(code)) parts.push(`code ${code}`);
  if (typeof responseCode === 'number') parts.push(`SMTP ${responseCode}`);
  if (typeof command === 'string' && /^[A-Z ]{1,20}$/.test(command)) parts.push(`at ${command}`);
  return parts.join(', ');
}
