import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { findCustomer } from '../../../core/members/customer';
import { CUSTOMER_SCOPE } from './list-counter-rewards';

/**
 * What a PoS copies into an order from the `Customer` block `rewards/available` returned: our int id
 * (`Id`), our member id (`OriginalId`), the email, and the document as we showed it (masked).
 */
export interface EchoedCustomer {
  integration: string;
  id: number | null;
  originalId: string | null;
  email: string | null;
  /** `*******4725`: only the last digits, as the app lets a document out. */
  maskedDocument: string;
}

/** The masked form documents leave the app in. */
export const MASKED_DOCUMENT = /^\*+(\d{4})$/;

const field = 'Customer.Document';

/**
 * The customer an order names with a masked document: the one the rest of the echoed block names (our id,
 * or our member id when this PoS quoted them, or the email), accepted only when the document we hold
 * has the same length and ends in the same digits. Anything else is refused: a masked value proves nothing
 * on its own.
 */
export async function findEchoedCustomer(deps: CoreDeps, echoed: EchoedCustomer): Promise<string> {
  const memberId = await named(deps, echoed);
  if (!memberId) {
    throw new AppError(
      'VALIDATION',
      `${field}: masked; send the full CPF/CNPJ, or the Customer block rewards/available returned`,
      { details: { field } },
    );
  }
  const document = (await deps.store.members.get(memberId))?.document ?? '';
  const last = MASKED_DOCUMENT.exec(echoed.maskedDocument)?.[1];
  if (!last || document.length !== echoed.maskedDocument.length || !document.endsWith(last)) {
    throw new AppError('VALIDATION', `${field}: does not match the customer's document`, {
      details: { field },
    });
  }
  return memberId;
}

async function named(deps: CoreDeps, echoed: EchoedCustomer): Promise<string | undefined> {
  if (echoed.id !== null) {
    const memberId = await deps.store.counter.refOf(CUSTOMER_SCOPE, echoed.id);
    if (memberId) return memberId;
  }
  // Our member id means something only for a customer this PoS was shown (it quoted them).
  if (echoed.originalId && (await deps.store.counter.getQuote(echoed.integration, echoed.originalId))) {
    return echoed.originalId;
  }
  if (echoed.email) return findCustomer(deps, { email: echoed.email });
  return undefined;
}
