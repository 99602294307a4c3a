'use client';

import { useEffect, useState } from 'react';
import {
  judgePassword,
  passwordLengthProblem,
  type PasswordOwner,
  type PasswordVerdict,
} from '@/lib/auth/password-strength';
import { cn } from '@/components/ui/cn';

/** Pause in typing before the password is judged: a keystroke should not cost a dictionary scan. */
const SETTLE_MS = 200;

function verdictText(password: string, verdict: PasswordVerdict): string {
  const label = verdict.ok
    ? verdict.score >= 4
      ? 'Very strong'
      : 'Strong enough'
    : passwordLengthProblem(password)
      ? 'Too short'
      : 'Too easy to guess';
  return verdict.advice && !verdict.ok ? `${label}. ${verdict.advice}` : `${label}.`;
}

/**
 * A live estimate of a new password's strength, using the same rule the server applies. The
 * dictionaries (megabytes) are not in the page's bundle: `judgePassword` imports them on first use,
 * and the field's first focus starts that download (see PasswordField). The server's check is the one that
 * counts; this only saves a round trip.
 */
export function PasswordStrength({ password, owner }: { password: string; owner: PasswordOwner }) {
  const [judged, setJudged] = useState<{ password: string; verdict: PasswordVerdict } | null>(null);
  const { email, name } = owner;

  useEffect(() => {
    if (!password) return;
    let current = true;
    const timer = setTimeout(() => {
      judgePassword(password, { email, name })
        .then((verdict) => {
          if (current) setJudged({ password, verdict });
        })
        // The dictionaries did not load (offline, blocked chunk): the server still judges.
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, email, name]);

  const verdict = password && judged ? judged.verdict : null;
  const shown = verdict && judged ? verdictText(judged.password, verdict) : '';
  return (
    <div className="grid gap-1">
      <div aria-hidden className="grid h-1 grid-cols-4 gap-1">
        {[1, 2, 3, 4].map((step) => (
          <span
            key={step}
            className={cn(
              'rounded-full bg-muted',
              verdict && verdict.score >= step && (verdict.ok ? 'bg-success' : 'bg-danger-text'),
            )}
          />
        ))}
      </div>
      <p aria-live="polite" className="min-h-4 text-xs text-muted-foreground">
        {shown ? `Password strength: ${shown}` : null}
      </p>
    </div>
  );
}
