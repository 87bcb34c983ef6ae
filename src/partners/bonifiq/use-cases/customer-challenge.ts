import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { customerProfile } from '../../../core/members/customer';
import type { ChallengeSender } from '../../../core/ports/challenges';

/** What the counter's customer challenge needs beside the core: how codes are delivered. */
export type ChallengeDeps = CoreDeps & { challengeSender: ChallengeSender };

/** A code is good for this long, for this many tries. */
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;
/** A passed challenge lets the customer's points be spent at that counter for this long. */
export const VALIDATION_TTL_MS = 30 * 60_000;

export interface ChallengeStart {
  transactionId: string;
  sent: boolean;
  bySms: boolean;
  byEmail: boolean;
  /** No contact to send to: the PoS must ask the customer for one. */
  needsEmail: boolean;
}

const hashOf = (integration: string, memberId: string, transactionId: string, code: string) =>
  createHash('sha256').update(`${integration}\n${memberId}\n${transactionId}\n${code}`).digest('hex');

/**
 * The PoS asks to prove the customer is present (BonifiQ's challenge): a new 6-digit code for this sale,
 * delivered through the configured sender to the customer's email (or the phone/email the PoS passes). A
 * second call for the same sale replaces the code and its tries.
 */
export async function startChallenge(
  deps: ChallengeDeps,
  input: {
    integration: string;
    memberId: string;
    customer: string;
    transactionId: string;
    phone: string | null;
    email: string | null;
  },
): Promise<ChallengeStart> {
  const profile = await customerProfile(deps, input.memberId);
  const email = input.email ?? profile.email;
  if (!email && !input.phone) {
    return {
      transactionId: input.transactionId,
      sent: false,
      bySms: false,
      byEmail: false,
      needsEmail: true,
    };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  await deps.store.challenges.save({
    integration: input.integration,
    memberId: input.memberId,
    transactionId: input.transactionId,
    codeHash: hashOf(input.integration, input.memberId, input.transactionId, code),
    expiresAt,
    attempts: 0,
    validatedAt: null,
    createdAt: now.toISOString(),
  });
  const sent = await deps.challengeSender.send({
    integration: input.integration,
    memberId: input.memberId,
    customer: input.customer,
    email,
    phone: input.phone,
    code,
    expiresAt,
  });
  return { transactionId: input.transactionId, sent: true, ...sent, needsEmail: false };
}

export type ChallengeVerdict = 'VALID' | 'WRONG_CODE' | 'EXPIRED' | 'TOO_MANY_ATTEMPTS' | 'NO_CHALLENGE';

/**
 * The customer's answer: right (before it expires, within its tries) validates the challenge; a wrong one
 * uses a try. Each try is counted atomically, so racing guesses cannot exceed the limit.
 */
export async function validateChallenge(
  deps: CoreDeps,
  input: { integration: string; memberId: string; transactionId: string; code: string },
): Promise<ChallengeVerdict> {
  const challenge = await deps.store.challenges.get(input.integration, input.memberId, input.transactionId);
  if (!challenge) return 'NO_CHALLENGE';
  if (challenge.validatedAt) return 'VALID';
  const now = deps.clock.now();
  if (now.getTime() > Date.parse(challenge.expiresAt)) return 'EXPIRED';
  if (challenge.attempts >= MAX_ATTEMPTS) return 'TOO_MANY_ATTEMPTS';
  // Another try was counted meanwhile: judge again on what is stored now (tries only go up).
  if (!(await deps.store.challenges.countAttempt(challenge))) return validateChallenge(deps, input);
  const expected = Buffer.from(challenge.codeHash, 'hex');
  const given = Buffer.from(
    hashOf(input.integration, input.memberId, input.transactionId, input.code),
    'hex',
  );
  if (!timingSafeEqual(expected, given)) return 'WRONG_CODE';
  await deps.store.challenges.markValidated(challenge, now);
  return 'VALID';
}

/** FORBIDDEN unless the customer passed a challenge here lately, when the integration requires one. */
export async function requireValidatedCustomer(
  deps: CoreDeps,
  input: { integration: string; memberId: string },
): Promise<void> {
  if (!(await deps.store.challenges.shouldValidate(input.integration))) return;
  const at = await deps.store.challenges.lastValidated(input.integration, input.memberId);
  if (at && deps.clock.now().getTime() - Date.parse(at) <= VALIDATION_TTL_MS) return;
  throw new AppError('FORBIDDEN', 'Validate the customer first (customers/{id}/challenge)', {
    details: { reason: 'CUSTOMER_NOT_VALIDATED' },
  });
}
