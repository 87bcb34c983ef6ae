import { Badge, Box, Button, Card, Text } from '@wix/design-system';
import { useRef, useState } from 'react';
import { redeemBenefitForMember, redeemPointsForCoupon } from '../../backend/dashboard.web';
import { newIdempotencyKey, once } from '../lib/idempotency';
import { notify } from '../lib/notify';
import { plainError } from '../lib/plain-errors';
import { isFinal } from '../lib/retryable';
import type { MemberOffers } from '../lib/types';

/**
 * Redeem on the member's behalf (seed 001's dashboard flow). Each item keeps one idempotency key until the
 * redemption succeeds or fails for good: a double-click joins the call on its way, and a retry after an error
 * is answered with what the first attempt did, so the member pays once.
 */
export function RedeemForMember(props: { memberId: string; offers: MemberOffers; onDone: () => void }) {
  const keys = useRef(new Map<string, string>());
  const [busy, setBusy] = useState<string | null>(null);
  const keyOf = (id: string) => {
    const known = keys.current.get(id);
    if (known) return known;
    const key = newIdempotencyKey('redeem');
    keys.current.set(id, key);
    return key;
  };

  const redeem = async (
    id: string,
    call: (
      idempotencyKey: string,
    ) => Promise<{ redemption: { couponCode: string | null; price: number; currency: string } }>,
  ) => {
    const key = keyOf(id);
    setBusy(id);
    try {
      const { redemption } = await once(key, () => call(key));
      keys.current.delete(id);
      notify({
        type: 'success',
        message: `Redeemed for ${redemption.price} ${redemption.currency}${redemption.couponCode ? `; coupon ${redemption.couponCode}` : ''}.`,
      });
      props.onDone();
    } catch (error) {
      if (isFinal(error)) keys.current.delete(id);
      notify({ type: 'error', message: plainError(error) });
    } finally {
      setBusy(null);
    }
  };

  const { benefits, rewards, coupons } = props.offers;
  return (
    <Card>
      <Card.Header
        title="Redeem for the member"
        subtitle={
          benefits.active ? undefined : 'The member has no active program: merchandise cannot be redeemed.'
        }
      />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          <Text weight="bold">Merchandise (tokens)</Text>
          {benefits.items.length === 0 ? <Text secondary>Nothing to redeem.</Text> : null}
          {benefits.items.map((item) => (
            <Box
              key={item.externalId}
              gap="SP2"
              verticalAlign="middle"
              flexWrap="wrap"
              dataHook="benefit-row"
            >
              <Box flexGrow={1} minWidth="160px">
                <Text>{item.displayName ?? item.benefitKey}</Text>
              </Box>
              <Text secondary>{item.price} tokens</Text>
              <Button
                size="small"
                priority={item.affordable ? 'primary' : 'secondary'}
                dataHook={`redeem-benefit-${item.externalId}`}
                disabled={busy === item.externalId}
                onClick={() =>
                  redeem(item.externalId, (idempotencyKey) =>
                    redeemBenefitForMember({
                      memberId: props.memberId,
                      externalId: item.externalId,
                      idempotencyKey,
                    }),
                  )
                }
              >
                Redeem
              </Button>
            </Box>
          ))}
          <Text weight="bold">Coupons (points)</Text>
          {rewards.items.filter((r) => r.redeemable).length === 0 ? (
            <Text secondary>No coupon rewards.</Text>
          ) : null}
          {rewards.items
            .filter((r) => r.redeemable)
            .map((reward) => (
              <Box
                key={reward.rewardId}
                gap="SP2"
                verticalAlign="middle"
                flexWrap="wrap"
                dataHook="reward-row"
              >
                <Box flexGrow={1} minWidth="160px">
                  <Text>{reward.name}</Text>
                </Box>
                <Text secondary>{reward.costInPoints ?? '—'} points</Text>
                <Button
                  size="small"
                  priority={reward.affordable ? 'primary' : 'secondary'}
                  dataHook="redeem-reward"
                  disabled={busy === reward.rewardId}
                  onClick={() =>
                    redeem(reward.rewardId, (idempotencyKey) =>
                      redeemPointsForCoupon({
                        memberId: props.memberId,
                        rewardId: reward.rewardId,
                        idempotencyKey,
                      }),
                    )
                  }
                >
                  Redeem
                </Button>
              </Box>
            ))}
          {coupons.length > 0 ? (
            <Box direction="vertical" gap="SP1" dataHook="member-coupons">
              <Text weight="bold">The member’s coupons</Text>
              {coupons.map((c) => (
                <Box key={c.id} gap="SP2" verticalAlign="middle" flexWrap="wrap">
                  <Text>{c.rewardName}</Text>
                  <Text weight="bold">{c.code}</Text>
                  <Badge size="small" skin="neutralLight">
                    {c.status}
                  </Badge>
                </Box>
              ))}
            </Box>
          ) : null}
        </Box>
      </Card.Content>
    </Card>
  );
}
