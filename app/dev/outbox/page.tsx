import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { env } from '@/lib/config/env';
import { consoleOutbox, mailMode } from '@/lib/mail';

export const metadata: Metadata = { title: 'Dev outbox', robots: { index: false } };

// The outbox lives in this process's memory: read it on every request.
export const dynamic = 'force-dynamic';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Mail text with its links clickable (reset links, library links), everything else as written. */
function MailText({ text }: { text: string }) {
  return (
    <pre className="mt-3 overflow-x-auto text-sm whitespace-pre-wrap text-muted-foreground">
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all text-neon underline-offset-4 hover:underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

/**
 * Development only: the mails the shop would have sent, newest first, when no SMTP server is set
 * (reset links, receipts, gifts). Mails carry reset links, so production answers 404.
 */
export default function DevOutboxPage() {
  if (env().NODE_ENV === 'production') notFound();
  const mode = mailMode();
  const mails = [...consoleOutbox()].reverse();
  return (
    <div className="container-shop py-8 sm:py-12">
      <h1 className="text-3xl font-extrabold tracking-tight">Dev outbox</h1>
      <p className="mt-2 text-muted-foreground">
        {mode === 'smtp'
          ? 'SMTP_URL is set: mail goes to that server (maildev: http://127.0.0.1:1080), not here.'
          : mode === 'disabled'
            ? 'MAIL_DISABLED is set: nothing is sent; what would have been is kept here.'
            : 'No SMTP_URL: the newest mails the shop would have sent, kept in memory until restart.'}
      </p>
      {mails.length === 0 ? (
        <p className="mt-8 text-muted-foreground">No mail yet.</p>
      ) : (
        <ol className="mt-8 grid gap-4" aria-label="Mails, newest first">
          {mails.map((mail, i) => (
            <li
              key={`${mail.sentAt.getTime()}-${i}`}
              className="rounded-lg border border-border bg-card p-4"
            >
              <h2 className="font-semibold">{mail.subject}</h2>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="text-muted-foreground">To</dt>
                <dd>{mail.to}</dd>
                <dt className="text-muted-foreground">From</dt>
                <dd>{mail.from}</dd>
                <dt className="text-muted-foreground">Sent</dt>
                <dd>
                  <time dateTime={mail.sentAt.toISOString()}>{mail.sentAt.toISOString()}</time>
                </dd>
              </dl>
              <MailText text={mail.text} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
