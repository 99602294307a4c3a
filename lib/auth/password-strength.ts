/*
 * How strong a new password must be, for the server's schemas and the forms' live hint alike.
 *
 * The estimator is zxcvbn-ts with its English and common dictionaries (the common-password list
 * among them): a few megabytes of word lists. They are loaded by `import()` on first use, on the
 * server and in the browser: an instance that never sees a registration or a reset never parses
 * them, and the browser downloads them as a separate chunk only once someone starts typing a new
 * password. The server's answer is the one that counts; the hint only saves a round trip.
 *
 * No `server-only` here: the forms import this module for the rule's wording and the hint.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** bcrypt reads at most 72 bytes; anything longer would be silently cut, so it is refused instead. */
export const PASSWORD_MAX_BYTES = 72;
export const PASSWORD_MIN_CHARS = 10;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against an offline attack on a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

/** The one explanation of the rule, shown as the hint and as the error for any weak password. */
export const PASSWORD_RULE = `Use at least ${PASSWORD_MIN_CHARS} characters that are hard to guess: a few unrelated words work well. Avoid common passwords and your name or email.`;
export const PASSWORD_TOO_LONG = `Use at most ${PASSWORD_MAX_BYTES} characters (fewer with accents or emoji).`;

/** Words that belong to this shop: a password built on them is easier to guess here. */
const SITE_WORDS = ['arcade', 'arcadeshop', 'games', 'shop', 'store'];

const encoder = new TextEncoder();
export const utf8Length = (value: string) => encoder.encode(value).length;

/** The length rules, cheap and synchronous: checked before the estimator is even loaded. */
export function passwordLengthProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_CHARS) return PASSWORD_RULE;
  if (utf8Length(password) > PASSWORD_MAX_BYTES) return PASSWORD_TOO_LONG;
  return null;
}

/** What the person is known by: zxcvbn treats these as the first words an attacker would try. */
export type PasswordOwner = { email?: string | null; name?: string | null };

export function ownerWords({ email, name }: PasswordOwner): string[] {
  const words = new Set<string>(SITE_WORDS);
  const add = (value: string) => {
    const word = value.trim().toLowerCase();
    if (word.length >= 2) words.add(word);
  };
  if (email) {
    add(email);
    const [local = '', domain = ''] = email.split('@');
    add(local);
    local.split(/[._+-]+/).forEach(add);
    domain.split('.').slice(0, -1).forEach(add);
  }
  if (name) {
    add(name);
    add(name.replace(/\s+/g, ''));
    name.split(/\s+/).forEach(add);
  }
  return [...words];
}

export type PasswordVerdict = {
  /** zxcvbn's score, 0 (guessable in seconds) to 4 (very unguessable). */
  score: number;
  ok: boolean;
  /** zxcvbn's own advice for this password, for the hint (e.g. "This is a heavily used password."). */
  advice: string | null;
};

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      // The check runs on the request's event loop before any rate limit, so its cost is bounded:
      // measured here, Levenshtein matching cost 150–800 ms a check, and crafted 72-character
      // inputs 200–750 ms with the defaults; with these, under 30 ms. Only the first 40 characters
      // are judged: a longer password is at least as strong as its beginning.
      useLevenshteinDistance: false,
      maxLength: 40,
      l33tMaxSubstitutions: 5,
    });
  })();
  // A failed load (a chunk that did not download) may be retried on the next call.
  estimator.catch(() => {
    estimator = undefined;
  });
  return estimator;
}

/** Starts loading the dictionaries ahead of the first check (the form calls it on focus). */
export function preloadPasswordEstimator(): void {
  void loadEstimator().catch(() => undefined);
}

/** A password equal to the email (ignoring case and spaces) is refused even if zxcvbn misses it. */
export function passwordIsEmail(password: string, email: string | null | undefined): boolean {
  return !!email && password.trim().toLowerCase() === email.trim().toLowerCase();
}

/** Judges a new password: length, then strength against the dictionaries and the owner's words. */
export async function judgePassword(
  password: string,
  owner: PasswordOwner = {},
): Promise<PasswordVerdict> {
  const lengthProblem = passwordLengthProblem(password);
  if (lengthProblem === PASSWORD_TOO_LONG) return { score: 0, ok: false, advice: null };
  const zxcvbn = await loadEstimator();
  const { score, feedback } = zxcvbn.check(password, ownerWords(owner));
  const ok =
    !lengthProblem && score >= PASSWORD_MIN_SCORE && !passwordIsEmail(password, owner.email);
  return { score, ok, advice: feedback.warning || feedback.suggestions[0] || null };
}

/** The message that refuses a new password, or null when it may be used. */
export async function newPasswordProblem(
  password: string,
  owner: PasswordOwner = {},
): Promise<string | null> {
  const lengthProblem = passwordLengthProblem(password);
  if (lengthProblem) return lengthProblem;
  return (await judgePassword(password, owner)).ok ? null : PASSWORD_RULE;
}
