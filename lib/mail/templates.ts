import type { MailMessage } from './index';

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function passwordResetMail(
  to: string,
  name: string,
  link: string,
  validMinutes: number,
): MailMessage {
  return {
    to,
    subject: 'Reset your Arcade password',
    text: [
      `Hi ${name},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Arcade account.',
      `Open this link within ${validMinutes} minutes to choose a new password:`,
      '',
      link,
      '',
      'The link works once. If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
    html: [
      `<p>Hi ${escapeHtml(name)},</p>`,
      '<p>Someone (hopefully you) asked to reset the password of your Arcade account.</p>',
      `<p><a href="${escapeHtml(link)}">Choose a new password</a> (valid for ${validMinutes} minutes, once).</p>`,
      '<p>If you did not ask for this, ignore this mail: your password stays as it is.</p>',
    ].join('\n'),
  };
}

/** Sent to an existing account's owner when someone tries to register with their address. */
export function accountExistsMail(to: string, loginUrl: string, resetUrl: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to create an Arcade account with your email',
    text: [
      'Someone tried to create a new Arcade account with this email address, which already has one.',
      '',
      `If it was you, sign in: ${loginUrl}`,
      `Forgot your password? Reset it: ${resetUrl}`,
      '',
      'If it was not you, you can ignore this mail; nothing was changed.',
    ].join('\n'),
    html: [
      '<p>Someone tried to create a new Arcade account with this email address, which already has one.</p>',
      `<p>If it was you, <a href="${escapeHtml(loginUrl)}">sign in</a>. Forgot your password? <a href="${escapeHtml(resetUrl)}">Reset it</a>.</p>`,
      '<p>If it was not you, you can ignore this mail; nothing was changed.</p>',
    ].join('\n'),
  };
}
