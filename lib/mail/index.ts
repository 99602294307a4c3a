import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/config/env';
import { runAfterResponse } from '@/lib/http/after-response';
import { log } from '@/lib/log';

export type MailMessage = { to: string; subject: string; text: string; html?: string };

export type SentMail = MailMessage & { from: string; sentAt: Date };

/** How many messages the console outbox keeps for the dev tools and tests. */
const OUTBOX_SIZE = 50;

type MailGlobals = {
  transport?: { url: string; transporter: Transporter };
  outbox: SentMail[];
  /** Whether the newest SMTP send failed, for /api/health; undefined until the first send. */
  lastSmtpSendFailed?: boolean;
};
const store = globalThis as unknown as { __arcadeMail?: MailGlobals };
const mailState = (): MailGlobals => (store.__arcadeMail ??= { outbox: [] });

function transport(url: string): Transporter {
  const state = mailState();
  if (state.transport?.url !== url) {
    state.transport?.transporter.close();
    // Generous but bounded timeouts: a hung SMTP server must not pile up sockets forever.
    const transporter = nodemailer.createTransport(url, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    state.transport = { url, transporter };
  }
  return state.transport.transporter;
}

/**
 * How this instance delivers mail: `smtp` (SMTP_URL), `disabled` (MAIL_DISABLED=true: nothing is
 * sent, and pages that would promise a mail say so instead) or `dev-outbox` (development and tests
 * without SMTP_URL: logged and kept in memory, see /dev/outbox).
 */
export type MailMode = 'smtp' | 'disabled' | 'dev-outbox';

export function mailMode(): MailMode {
  const { MAIL_DISABLED, SMTP_URL, NODE_ENV } = env();
  if (MAIL_DISABLED) return 'disabled';
  if (SMTP_URL) return 'smtp';
  // Production refuses to start like this (lib/server/startup); if it runs anyway, no mail leaves.
  return NODE_ENV === 'production' ? 'disabled' : 'dev-outbox';
}

/** False when no mail can reach anyone: callers then must not promise one. */
export const mailAvailable = (): boolean => mailMode() !== 'disabled';

/** For /api/health: the mode, and for SMTP whether the newest send failed (no reason: it is logged). */
export function mailHealth(): { kind: MailMode; lastSendFailed?: boolean } {
  const kind = mailMode();
  return kind === 'smtp'
    ? { kind, lastSendFailed: mailState().lastSmtpSendFailed ?? false }
    : { kind };
}

/**
 * Sends a message: through SMTP when SMTP_URL is set, otherwise into the console outbox (logged and
 * kept in memory), so a laptop with no mail server still shows every mail the shop would send.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  const mode = mailMode();
  if (mode === 'smtp' && SMTP_URL) {
    const state = mailState();
    try {
      await transport(SMTP_URL).sendMail({ from: MAIL_FROM, ...message });
    } catch (err) {
      state.lastSmtpSendFailed = true;
      throw err;
    }
    state.lastSmtpSendFailed = false;
    log.info({ to: redactAddress(message.to), subject: message.subject }, 'mail sent');
    return;
  }
  const outbox = mailState().outbox;
  outbox.push({ ...message, from: MAIL_FROM, sentAt: new Date() });
  if (outbox.length > OUTBOX_SIZE) outbox.splice(0, outbox.length - OUTBOX_SIZE);
  if (mode === 'disabled') {
    // Mails carry password reset links: in production logs they would hand any log reader every
    // account that asks for one. Say that mail is not going out instead.
    log.warn(
      { to: redactAddress(message.to), subject: message.subject },
      SMTP_URL ? 'mail not sent: MAIL_DISABLED=true' : 'mail not sent: SMTP_URL is not set',
    );
    return;
  }
  log.info(
    { to: message.to, subject: message.subject, text: message.text },
    'mail (console outbox)',
  );
}

/**
 * Sends after the response is written: the request's timing never depends on the mail server, and
 * a failure is logged instead of failing the request.
 */
export function queueMail(message: MailMessage): Promise<void> {
  return runAfterResponse(`mail: ${message.subject}`, () => sendMail(message));
}

/** The newest messages of the console outbox, newest last (empty when SMTP is configured). */
export function consoleOutbox(): readonly SentMail[] {
  return mailState().outbox;
}

export function clearConsoleOutbox(): void {
  mailState().outbox.length = 0;
}

function redactAddress(address: string): string {
  const at = address.indexOf('@');
  return at > 1 ? `${address[0]}***${address.slice(at)}` : '***';
}
