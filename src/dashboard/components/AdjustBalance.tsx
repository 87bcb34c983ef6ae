import { Box, Button, Card, Dropdown, FormField, Input, NumberInput } from '@wix/design-system';
import { useState } from 'react';
import { adjustPoints, adjustTokens } from '../../backend/dashboard.web';
import { newIdempotencyKey, once } from '../lib/idempotency';
import { notify } from '../lib/notify';
import { plainError } from '../lib/plain-errors';
import { isFinal } from '../lib/retryable';

type Currency = 'tokens' | 'points';

/** Give or take tokens or points, with a reason; one key per adjustment, so a retry changes it once. */
export function AdjustBalance(props: { memberId: string; onDone: () => void }) {
  const [currency, setCurrency] = useState<Currency>('points');
  const [amount, setAmount] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => newIdempotencyKey('adjust'));

  const submit = async () => {
    if (!amount || !reason.trim()) return;
    setBusy(true);
    const input = { memberId: props.memberId, amount, reason: reason.trim(), idempotencyKey: key };
    try {
      const done = await once(key, () => (currency === 'tokens' ? adjustTokens(input) : adjustPoints(input)));
      notify({
        type: 'success',
        message: `${amount > 0 ? 'Added' : 'Took'} ${Math.abs(amount)} ${currency}; balance ${done.balance}.`,
      });
      setAmount(null);
      setReason('');
      setKey(newIdempotencyKey('adjust'));
      props.onDone();
    } catch (error) {
      notify({ type: 'error', message: plainError(error) });
      if (isFinal(error)) setKey(newIdempotencyKey('adjust'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Card.Header
        title="Adjust balance"
        subtitle="A positive amount gives, a negative one takes away (never below zero)."
      />
      <Card.Content>
        <Box gap="SP2" verticalAlign="bottom" flexWrap="wrap">
          <Box width="130px">
            <FormField label="Of">
              <Dropdown
                dataHook="adjust-currency"
                selectedId={currency}
                options={[
                  { id: 'points', value: 'Points' },
                  { id: 'tokens', value: 'Tokens' },
                ]}
                onSelect={(option) => {
                  setCurrency(option.id as Currency);
                  setKey(newIdempotencyKey('adjust'));
                }}
              />
            </FormField>
          </Box>
          <Box width="120px">
            <FormField label="Amount">
              <NumberInput
                dataHook="adjust-amount"
                value={amount ?? ''}
                step={1}
                onChange={(value) => {
                  setAmount(value === null ? null : Math.trunc(value));
                  setKey(newIdempotencyKey('adjust'));
                }}
              />
            </FormField>
          </Box>
          <Box flexGrow={1} minWidth="200px">
            <FormField label="Reason">
              <Input
                dataHook="adjust-reason"
                value={reason}
                maxLength={200}
                placeholder="Shown in the member's history"
                onChange={(e) => {
                  setReason(e.target.value);
                  setKey(newIdempotencyKey('adjust'));
                }}
              />
            </FormField>
          </Box>
          <Button dataHook="adjust-apply" disabled={busy || !amount || !reason.trim()} onClick={submit}>
            {busy ? 'Applying…' : 'Apply'}
          </Button>
        </Box>
      </Card.Content>
    </Card>
  );
}
