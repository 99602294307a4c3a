import type { MailMessage } from '@/lib/mail';

type GiftLine = { title: string; editionName: string; quantity: number };

export function giftMail(
  to: string,
  from: string,
  message: string,
  items: GiftLine[],
  link: string,
): MailMessage {
  const lines = items.map((i) => `  ${i.quantity} × ${i.title} (${i.editionName})`);
  const text = [
    'Hi,',
    '',
    `${from} sent you a game on Arcade:`,
    '',
    ...lines,
    '',
    ...(message ? [`"${message}"`, ''] : []),
    `Claim it here (sign in or create an account with this email address): ${link}`,
    '',
    'The game goes to your Arcade library, where you can reveal its key or download it.',
    '',
    '— Arcade',
  ].join('\n');
  return { to, subject: `${from} sent you a game`, text };
}
