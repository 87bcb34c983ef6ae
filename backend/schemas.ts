import { z } from 'zod';

// The web methods' input fields, in one place: README "Limits" lists these bounds (a test checks it).

/** Idempotency keys: client-chosen, high entropy, at most 255 characters (Stripe/IETF). */
export const idempotencyKey = z.string().trim().min(8, 'must be at least 8 characters').max(255);
export const memberId = z.string().trim().min(1).max(100);
export const externalId = z.string().trim().min(1).max(200);
export const rewardId = z.string().trim().min(1).max(100);
export const redemptionId = z.string().trim().min(1).max(100);
/** Why staff did something (adjustments, cancels, status changes). */
export const reason = z.string().trim().min(1).max(200);
export const note = z.string().trim().max(500);
/** Items redeemed at once. */
export const count = z.number().int().min(1).max(100).default(1);
/** Page size of a list. */
export const limit = z.number().int().min(1).max(100).default(20);
export const cursor = z.string().max(500);
