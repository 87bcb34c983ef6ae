/** The lease engine's store port: one row per named claim (see src/core/lease.ts). */

/** Proof of holding a lease: the owner token and the fence number it was granted with. */
export interface LeaseRef {
  name: string;
  owner: string;
  fence: number;
}

export type LeaseClaim =
  | {
      kind: 'acquired';
      /** Greater than 1 when an earlier holder had it and did not end it: its work may be partly done. */
      fence: number;
      /** When the previous holder's latest Wix call started, if it lost the lease without releasing it. */
      priorWixCallAt: Date | null;
    }
  | { kind: 'held'; retryAfterMs: number };

export interface LeaseRepo {
  /** Atomically: a new lease, or a takeover of a released or expired one; else who holds it for how long. */
  claim(name: string, owner: string, now: Date, leaseMs: number): Promise<LeaseClaim>;
  /** Extends the lease from `now` while `lease` still holds it; false when it was lost. */
  renew(lease: LeaseRef, now: Date, leaseMs: number): Promise<boolean>;
  /** Records that a Wix call starts now and extends the lease past it; false (nothing done) when lost. */
  markWixCall(lease: LeaseRef, now: Date, leaseMs: number): Promise<boolean>;
  /** The fence check: true while `lease` holds it. Inside a transaction it holds the row until commit. */
  holds(lease: LeaseRef): Promise<boolean>;
  /** Gives the lease up (keeping its fence count, so the next claim knows it resumes); false when lost. */
  release(lease: LeaseRef): Promise<boolean>;
  /** Ends a finished claim: the row goes, so the name starts afresh; false (nothing done) when lost. */
  end(lease: LeaseRef): Promise<boolean>;
}
