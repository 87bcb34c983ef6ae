import { Badge, Box, Button, Dropdown, Table, Text } from '@wix/design-system';
import { useState } from 'react';
import { cancelRedemption, updateRedemptionStatus } from '../../backend/dashboard.web';
import { redemptionStatuses } from '../../core/redemption';
import { notify } from '../lib/notify';
import { plainError } from '../lib/plain-errors';
import type { Redemption } from '../lib/types';
import { CancelDialog } from './CancelDialog';

export const STATUSES = redemptionStatuses;
export const statusWords = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');

const SKIN: Record<string, 'success' | 'danger' | 'warning' | 'neutralLight' | 'general'> = {
  COMPLETED: 'success',
  PURCHASED: 'general',
  CANCELED: 'danger',
  AWAITING_VENDOR: 'warning',
  AWAITING_CUSTOMER: 'warning',
};

const what = (r: Redemption) =>
  r.benefitKey ?? (r.couponCode ? `coupon ${r.couponCode}` : r.rewardId) ?? r.kind;

/**
 * Redemptions with their actions: move along the lifecycle (every status is offered; a move that is not
 * allowed is explained by the server's answer) and cancel with a reason.
 */
export function RedemptionTable(props: { items: Redemption[]; onChanged: () => void; hook: string }) {
  const [canceling, setCanceling] = useState<Redemption | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (call: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await call();
      notify({ type: 'success', message: success });
      props.onChanged();
      return true;
    } catch (error) {
      notify({ type: 'error', message: plainError(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    {
      title: 'Created',
      render: (r: Redemption) => <Text size="small">{new Date(r.createdAt).toLocaleString()}</Text>,
    },
    { title: 'Member', render: (r: Redemption) => <Text size="small">{r.memberId}</Text> },
    { title: 'What', render: (r: Redemption) => <Text size="small">{what(r)}</Text> },
    { title: 'Price', render: (r: Redemption) => <Text size="small">{`${r.price} ${r.currency}`}</Text> },
    { title: 'Channel', render: (r: Redemption) => <Text size="small">{r.channel}</Text> },
    {
      title: 'Status',
      render: (r: Redemption) => (
        <Badge size="small" skin={SKIN[r.status] ?? 'neutralLight'} dataHook="redemption-status">
          {statusWords(r.status)}
        </Badge>
      ),
    },
    {
      title: '',
      width: '270px',
      render: (r: Redemption) =>
        r.status === 'CANCELED' ? (
          <Text size="tiny" secondary>
            {r.canceledReason ?? ''}
          </Text>
        ) : (
          <Box gap="SP1" verticalAlign="middle">
            <Box width="150px">
              <Dropdown
                size="small"
                placeholder="Move to…"
                dataHook="redemption-move"
                disabled={busy}
                options={STATUSES.filter((s) => s !== r.status && s !== 'CANCELED').map((s) => ({
                  id: s,
                  value: statusWords(s),
                }))}
                onSelect={(option) =>
                  act(
                    () =>
                      updateRedemptionStatus({
                        redemptionId: r.id,
                        status: option.id as (typeof STATUSES)[number],
                      }),
                    `Moved to ${statusWords(String(option.id))}.`,
                  )
                }
              />
            </Box>
            <Button
              size="small"
              skin="destructive"
              priority="secondary"
              dataHook="redemption-cancel"
              disabled={busy}
              onClick={() => setCanceling(r)}
            >
              Cancel
            </Button>
          </Box>
        ),
    },
  ];

  return (
    <>
      <div className="rb-scroll">
        <Table data={props.items} columns={columns} rowVerticalPadding="small" dataHook={props.hook}>
          <Table.Content />
        </Table>
      </div>
      <CancelDialog
        key={canceling?.id ?? 'none'}
        open={canceling !== null}
        busy={busy}
        onClose={() => setCanceling(null)}
        onCancel={async (reason) => {
          const target = canceling;
          if (!target) return;
          const done = await act(
            () => cancelRedemption({ redemptionId: target.id, reason }),
            'Canceled; the member got it back.',
          );
          if (done) setCanceling(null);
        }}
      />
    </>
  );
}
