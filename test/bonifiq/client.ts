// A small BonifiQ Private API client written from BonifiQ's documentation (developers.bonifiq.com.br, PoS
// section): HTTP Basic with the API token as user and the API key as password, PascalCase JSON, the
// standard envelope. It knows nothing of this app: pointing `baseUrl` at `/bonifiq` is the whole migration.

export interface Envelope<T> {
  ErrorMessage: string | null;
  ErrorCode: number | null;
  Result: T | null;
  Code: string | null;
  CodeName: string | null;
  Severity: 0 | 1 | 2;
  HasWarning: boolean;
  HasError: boolean;
}

export interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface AvailableReward {
  Id: number;
  Title: string;
  RewardType: number;
  Value: number;
  Points: number;
  CanUse: boolean;
  CannotUseReason: number;
  IsCashback: boolean;
  CanSelectValue: boolean;
  AvailableCashback: number;
  MaxCashbackForCurrentPurchase: number;
  Requirements: string | null;
}

/** The customer as BonifiQ documents it in `rewards/available` (a PoS copies it into the order). */
export interface PosCustomer {
  Id: number;
  OriginalId: string;
  Name: string | null;
  Email: string | null;
  Phone: string | null;
  Document: string | null;
  IsEnrolled: boolean;
  CurrentTier: { Name: string; Color: string | null; IconUrl: string | null } | null;
}

export interface AvailableRewards {
  Customer: PosCustomer | null;
  Rewards: AvailableReward[];
  HasRewards: boolean;
  AvailablePoints: number;
  CashbackEnabled: boolean;
  AvailableCashback: number;
  MaxCashbackForCurrentPurchase: number;
  ShouldValidateCustomer: boolean;
}

export interface RedeemResult {
  RewardId: number;
  Point: { PointId: number; Quantity: number } | null;
  ExternalCode: string;
  OriginalKey: string;
  Coupon: { CouponCode: string; CouponType: number; CouponValue: number } | null;
}

export interface CanceledReward {
  Id: number;
  ExternalCode: string | null;
  CashValue: number | null;
  IsCanceled: boolean;
  Points: { Points: number } | null;
}

export interface OrderResult {
  Id: number;
  OriginalId: string;
  State: number;
  EstimatedBonus: { GenerateBonus: boolean; EstimatedPoints: number } | null;
}

export interface CustomerPoints {
  CustomerExists: boolean;
  PointsBalance: number;
  CashbackBalance: number;
  PointHistory: { Amount: number; PointTypeDescription: string }[];
}

export interface RedeemBody {
  CustomerId: string;
  Value?: number | null;
  Points?: number | null;
  OriginalKey?: string;
  Metadatas?: { Name: string; Value: string }[];
  RedeemOrigin?: number;
  Branch?: { OriginalId: string; Name: string };
  SalesPerson?: { OriginalId: string; Name: string };
  ForceGenerateCoupon?: boolean;
}

export interface OrderBody {
  OriginalId: string;
  OrderPlacementDate?: string;
  OrderCompletedDate?: string;
  OrderCancelledDate?: string;
  OrderStatus?: string;
  IsCompleted?: boolean;
  IsCancelledOrReturned?: boolean;
  OrderTotal: number;
  Coupon?: string | null;
  Customer: {
    Id?: number | null;
    OriginalId?: string | null;
    Name?: string | null;
    Email?: string | null;
    Phone?: string | null;
    Document?: string | null;
    IsEnrolled?: boolean | null;
  };
  Products?: { OriginalId: string; Title: string; ProductPrice: number; IsActive: boolean }[];
  Branch?: { OriginalId: string; Name: string };
  SalesPerson?: { OriginalId: string; Name: string };
}

export interface PartialCancelBody {
  CancelKey: string;
  ValueToRefund?: number;
  Products?: { OriginalId: string; ValueToRefund: number }[];
  ShouldRefundRedeem?: boolean;
}

export interface PartialCancelResult {
  IsCanceled: boolean;
  UpdatedAt: string;
  Status: number;
  PointsReversed: number;
  PointsShortfall: number;
  RemainingPoints: number;
}

export interface ChallengeResult {
  Success: boolean;
  FriendlyErrorMessage: string | null;
  ShouldInformPhone: boolean;
  ShouldInformEmail: boolean;
  SentBySMS: boolean;
  SentByEmail: boolean;
  TransactionId: string;
  ErrorMessage: string | null;
}

export interface ChallengeValidation {
  TransactionId: string;
  Success: boolean;
  FriendlyErrorMessage: string | null;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface BonifiqClientOptions {
  baseUrl: string;
  token: string;
  key: string;
  fetch?: Fetch;
}

export function createBonifiqClient(options: BonifiqClientOptions) {
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const authorization = `Basic ${Buffer.from(`${options.token}:${options.key}`).toString('base64')}`;

  async function request<T>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const res = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: authorization,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T, headers: res.headers };
  }

  return {
    /** POST /v1/pvt/POS/rewards/available — a bare object on success. */
    available: (CustomerId: string, PurchaseValue: number, DiscountValue = 0) =>
      request<AvailableRewards & Partial<Envelope<null>>>('POST', '/v1/pvt/POS/rewards/available', {
        CustomerId,
        PurchaseValue,
        DiscountValue,
        Products: [],
      }),
    /** POST /v1/pvt/POS/rewards/{id}/redeem */
    redeem: (rewardId: number, body: RedeemBody) =>
      request<Envelope<RedeemResult>>('POST', `/v1/pvt/POS/rewards/${rewardId}/redeem`, body),
    /** DELETE /v1/pvt/POS/rewards/{id} */
    cancelReward: (rewardId: number) =>
      request<Envelope<CanceledReward>>('DELETE', `/v1/pvt/POS/rewards/${rewardId}`),
    /** DELETE /v1/pvt/POS/rewards?OriginalKey=… */
    cancelRewardByKey: (originalKey: string) =>
      request<Envelope<CanceledReward>>(
        'DELETE',
        `/v1/pvt/POS/rewards?OriginalKey=${encodeURIComponent(originalKey)}`,
      ),
    /** POST /v1/pvt/POS/orders */
    addOrder: (order: OrderBody) => request<Envelope<OrderResult>>('POST', '/v1/pvt/POS/orders', order),
    /** POST /v1/pvt/POS/orders/{id}/cancel */
    cancelOrder: (orderId: string) =>
      request<Envelope<{ IsCanceled: boolean }>>(
        'POST',
        `/v1/pvt/POS/orders/${encodeURIComponent(orderId)}/cancel`,
        {
          OrderCancelledDate: new Date().toISOString(),
          OrderStatus: 'canceled',
        },
      ),
    /** POST /v1/pvt/POS/{orderId}/partialcancel */
    partialCancel: (orderId: string, body: PartialCancelBody) =>
      request<Envelope<PartialCancelResult>>(
        'POST',
        `/v1/pvt/POS/${encodeURIComponent(orderId)}/partialcancel`,
        body,
      ),
    /** POST /v1/pvt/POS/customers/{id}/challenge — a bare object. */
    challenge: (customerId: string, body: { TransactionId: string; Phone?: string; Email?: string }) =>
      request<ChallengeResult>(
        'POST',
        `/v1/pvt/POS/customers/${encodeURIComponent(customerId)}/challenge`,
        body,
      ),
    /** POST /v1/pvt/POS/customers/{id}/challengevalidate — a bare object. */
    challengeValidate: (customerId: string, body: { TransactionId: string; Code: string }) =>
      request<ChallengeValidation>(
        'POST',
        `/v1/pvt/POS/customers/${encodeURIComponent(customerId)}/challengevalidate`,
        body,
      ),
    /** GET /v1/pvt/Customer/{id}/points */
    points: (customerId: string) =>
      request<Envelope<CustomerPoints>>('GET', `/v1/pvt/Customer/${encodeURIComponent(customerId)}/points`),
    raw: request,
  };
}

export type BonifiqClient = ReturnType<typeof createBonifiqClient>;
