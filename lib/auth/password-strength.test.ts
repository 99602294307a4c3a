import { describe, expect, it } from 'vitest';
import {
  judgePassword,
  newPasswordProblem,
  ownerWords,
  PASSWORD_RULE,
  PASSWORD_TOO_LONG,
} from './password-strength';

describe('password strength', () => {
  it('counts the owner’s email, its parts and their name among the words an attacker tries first', () => {
    const words = ownerWords({ email: 'grace.hopper+shop@navy.example', name: 'Grace Hopper' });
    expect(words).toEqual(
      expect.arrayContaining([
        'grace.hopper+shop@navy.example',
        'grace.hopper+shop',
        'grace',
        'hopper',
        'navy',
        'grace hopper',
        'gracehopper',
        'arcade',
      ]),
    );
  });

  it('explains a common password with the estimator’s own advice for the hint', async () => {
    const verdict = await judgePassword('password');
    expect(verdict).toMatchObject({ ok: false, score: 0 });
    expect(verdict.advice).toMatch(/commonly used|heavily used|frequently used/i);
  });

  it('scores a short password for the hint but never lets it pass', async () => {
    expect(await judgePassword('Zq8#vL2!')).toMatchObject({ ok: false });
    expect(await newPasswordProblem('Zq8#vL2!')).toBe(PASSWORD_RULE);
  });

  it('refuses an overlong password before loading the estimator', async () => {
    expect(await newPasswordProblem(`violet anchor mango ${'é'.repeat(27)}`)).toBe(
      PASSWORD_TOO_LONG,
    );
  });

  it('keeps the cost of judging crafted 72-character passwords bounded (it runs before rate limits)', async () => {
    await judgePassword('warm up the estimator');
    // With the library's defaults these took 200–750 ms each here; now about 20 ms.
    for (const crafted of ['1'.repeat(72), 'p@$$w0rd'.repeat(9), '4@|!1l$50()'.repeat(7)]) {
      const started = performance.now();
      await judgePassword(crafted.slice(0, 72));
      expect(performance.now() - started, crafted.slice(0, 12)).toBeLessThan(150);
    }
  });

  it('lets an unrelated passphrase through, whoever owns it', async () => {
    expect(
      await newPasswordProblem('violet anchor mango', { email: 'ada@example.test', name: 'Ada' }),
    ).toBeNull();
  });
});
