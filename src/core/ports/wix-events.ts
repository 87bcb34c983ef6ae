/** A verified event Wix sent the app (the JWT body of a Wix webhook, decoded). */
export interface WixEvent {
  eventType: string;
  instanceId: string;
  /** The event body; for domain events `{id, entityId, createdEvent: {entity}, …}`. */
  payload: unknown;
}

export interface WixEventVerifier {
  /** Verifies the JWT with the app's public key; rejects forged, expired or malformed tokens. */
  verify(jwt: string): Promise<WixEvent>;
}
