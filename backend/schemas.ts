import { z } from 'zod';

/** Idempotency keys: client-chosen, high entropy, at most 255 characters (Stripe/IETF). */
export const idempotencyKey = z.string().trim().min(8, 'must be at least 8 characters').max(255);
export const memberId = z.string().trim().min(1).max(100);
export const externalId = z.string().trim().min(1).max(200);
export const rewardId = z.string().trim().min(1).max(100);
