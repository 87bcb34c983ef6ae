import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { RedemptionFeedback } from '../ports/partner-records';

/**
 * The member scores a completed redemption (0–10, the NPS scale); scoring again replaces the score. A
 * redemption that has not happened yet is refused, naming its status.
 */
export async function giveFeedback(
  deps: CoreDeps,
  input: { redemptionId: string; rating: number; comment: string | null },
): Promise<RedemptionFeedback> {
  if (!Number.isInteger(input.rating) || input.rating < 0 || input.rating > 10) {
    throw new AppError('VALIDATION', 'rating: a whole number from 0 to 10', { details: { field: 'rating' } });
  }
  const redemption = await deps.store.redemptions.get(input.redemptionId);
  if (!redemption) throw new AppError('NOT_FOUND', `No redemption ${input.redemptionId}`);
  if (redemption.status !== 'COMPLETED') {
    throw new AppError('ILLEGAL_TRANSITION', 'Feedback is for completed redemptions only', {
      details: { reason: 'REDEMPTION_NOT_COMPLETED', status: redemption.status },
    });
  }
  const feedback = {
    redemptionId: redemption.id,
    rating: input.rating,
    comment: input.comment,
    submittedAt: deps.clock.now().toISOString(),
  };
  await deps.store.redemptionFeedback.save(feedback);
  return feedback;
}
