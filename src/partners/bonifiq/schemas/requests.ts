import { z } from '@hono/zod-openapi';
import { customerIdSchema } from './customer-id';

// Request bodies as BonifiQ documents them (PascalCase). Fields a PoS sends that change nothing here are
// accepted and documented; unknown ones are ignored.

const money = z.number().min(0).max(1_000_000_000);
const text = (max = 200) => z.string().trim().max(max);
const named = z
  .object({ OriginalId: text().nullish(), Name: text().nullish() })
  .openapi('NamedRef', { description: 'A branch, seller, brand or payment method: its id and name' });

export const metadatasSchema = z
  .array(z.object({ Name: text(100).min(1), Value: text(2000).nullish() }))
  .max(50)
  .openapi('Metadatas', { description: 'Free key/value pairs' });

const product = z
  .object({
    OriginalId: text().nullish(),
    LineId: text().nullish(),
    Title: text(500).nullish(),
    IsActive: z.boolean().nullish(),
    Quantity: z.number().min(0).nullish(),
    ProductPrice: money.nullish(),
    ProductDiscountPrice: money.nullish(),
    ProductBrand: named.nullish(),
    ProductCategory: named.nullish(),
  })
  .openapi('Product');

export const availableRequestSchema = z
  .object({
    CustomerId: customerIdSchema,
    PurchaseValue: money.openapi({ description: 'Gross purchase, before discounts', example: 120 }),
    DiscountValue: money.nullish().openapi({ description: 'Discounts from elsewhere', example: 0 }),
    Products: z.array(product).max(1000).nullish(),
  })
  .openapi('AvailableRewardsRequest');

export const redeemRequestSchema = z
  .object({
    CustomerId: customerIdSchema,
    Value: z
      .number()
      .positive()
      .max(1_000_000_000)
      .nullish()
      .openapi({ description: 'Cashback only: the money chosen (or send Points)' }),
    Points: z
      .number()
      .int()
      .positive()
      .nullish()
      .openapi({ description: 'Cashback only: the points chosen' }),
    OriginalKey: text(255).min(1).nullish().openapi({
      description: 'Idempotency key: the same key and body redeem once (a key is generated when absent)',
    }),
    Metadatas: metadatasSchema.nullish().openapi({
      description:
        'Free key/value pairs; a `PurchaseId` (or `OrderId`) entry names the purchase: one reward each',
    }),
    RedeemOrigin: z.number().int().min(0).max(5).nullish().openapi({ description: '5 = PDV' }),
    Branch: named.nullish(),
    SalesPerson: named.nullish(),
    ForceGenerateCoupon: z.boolean().nullish().openapi({ description: 'Also make a Wix loyalty coupon' }),
  })
  .openapi('RedeemRequest');

export const cancelByKeyQuerySchema = z.object({
  OriginalKey: text(255)
    .min(1)
    .optional()
    .openapi({ description: 'The OriginalKey of the redeem (or in the body)' }),
});

export const cancelByKeyBodySchema = z
  .object({ OriginalKey: text(255).min(1).nullish() })
  .openapi('CancelByOriginalKeyRequest');

const orderCustomer = z
  .object({
    Id: z.number().int().nullish().openapi({ description: 'The Customer.Id rewards/available returned' }),
    OriginalId: text().nullish(),
    Name: text().nullish(),
    Email: text(320).nullish(),
    Phone: text(50).nullish(),
    Document: text(30).nullish(),
    BirthdayDate: text(40).nullish(),
    SignupDate: text(40).nullish(),
    IsEnrolled: z.boolean().nullish(),
    EnrolledDate: text(40).nullish(),
  })
  .openapi('OrderCustomer', {
    description:
      'Identified by Document (CPF/CNPJ) or else Email. The Customer block of rewards/available may be sent back as is: its masked Document is accepted when it matches the customer its Id, OriginalId or Email names.',
  });

export const orderRequestSchema = z
  .object({
    OriginalId: z.union([text().min(1), z.number().int()]).transform(String),
    OrderPlacementDate: text(40).nullish(),
    OrderCompletedDate: text(40).nullish(),
    OrderCancelledDate: text(40).nullish(),
    UpdatedDate: text(40).nullish(),
    OrderStatus: text().nullish(),
    IsCompleted: z.boolean().nullish(),
    IsCancelledOrReturned: z.boolean().nullish(),
    OrderTotal: money.openapi({ description: 'Net amount paid: what earns points' }),
    Coupon: text().nullish().openapi({ description: 'The ExternalCode of the redeem used on this order' }),
    Customer: orderCustomer,
    Products: z.array(product).max(1000).nullish(),
    Metadatas: metadatasSchema.nullish(),
    PaymentMethod: named.nullish(),
    PaymentMethods: z
      .array(named.extend({ PaidAmount: money.nullish() }))
      .max(50)
      .nullish(),
    Branch: named.nullish(),
    SalesPerson: named.nullish(),
    ExternalCoupon: text().nullish(),
  })
  .openapi('OrderRequest');

export const cancelOrderRequestSchema = z
  .object({ OrderCancelledDate: text(40).nullish(), OrderStatus: text().nullish() })
  .openapi('CancelOrderRequest');

export const partialCancelRequestSchema = z
  .object({
    CancelKey: text(255).min(1).openapi({ description: 'One return per key: a retry sends the same one' }),
    ValueToRefund: money.nullish().openapi({ description: 'The amount given back (or send Products)' }),
    Products: z
      .array(z.object({ OriginalId: text().min(1), ValueToRefund: money }))
      .max(1000)
      .nullish()
      .openapi({ description: 'The returned items and what each gave back' }),
    ShouldRefundRedeem: z.boolean().nullish().openapi({
      description: 'Accepted; the reward used on the order is not refunded by a partial return',
    }),
  })
  .openapi('PartialCancelRequest');

export type PartialCancelRequest = z.output<typeof partialCancelRequestSchema>;
export type RedeemRequest = z.output<typeof redeemRequestSchema>;
export type OrderRequest = z.output<typeof orderRequestSchema>;
