import { Box, Card, Heading, Text } from '@wix/design-system';
import type { ProgramReport } from '../lib/types';

const number = new Intl.NumberFormat('en');

function Figure(props: { label: string; value: number; hook: string; hint?: string }) {
  return (
    <Box direction="vertical" gap="SP1" minWidth="120px">
      <Text size="small" secondary>
        {props.label}
      </Text>
      <Heading size="large" dataHook={props.hook}>
        {number.format(props.value)}
      </Heading>
      {props.hint ? (
        <Text size="tiny" secondary>
          {props.hint}
        </Text>
      ) : null}
    </Box>
  );
}

type Ledger = ProgramReport['totals']['tokens'];

/** One currency's card: given, redeemed and still owed over the window. */
function LedgerCard(props: {
  title: string;
  window: string;
  ledger: Ledger;
  kind: string;
  given: string;
  hint: string;
}) {
  const { ledger, kind } = props;
  return (
    <Card>
      <Card.Header title={props.title} subtitle={props.window} />
      <Card.Content>
        <Box gap="SP4" flexWrap="wrap">
          <Figure label={props.given} value={ledger.issued} hook={`total-${kind}-issued`} hint={props.hint} />
          <Figure
            label="Redeemed"
            value={ledger.redeemed}
            hook={`total-${kind}-redeemed`}
            hint="net of cancellations"
          />
          <Figure
            label="Owed to members"
            value={ledger.outstanding}
            hook={`total-${kind}-outstanding`}
            hint="at the end"
          />
        </Box>
      </Card.Content>
    </Card>
  );
}

/** Issued, redeemed and still owed, for tokens and points, over the report's window. */
export function ProgramTotals({ report }: { report: ProgramReport }) {
  const { tokens, points, redemptions } = report.totals;
  const window = `${report.from} to ${report.to}`;
  return (
    <div className="rb-grid">
      <LedgerCard
        title="Tokens"
        window={window}
        ledger={tokens}
        kind="tokens"
        given="Issued"
        hint="visits, orders, by hand"
      />
      <LedgerCard
        title="Points"
        window={window}
        ledger={points}
        kind="points"
        given="Earned"
        hint="orders, by hand"
      />
      <Card>
        <Card.Header title="Redemptions" subtitle={window} />
        <Card.Content>
          <Figure label="Made" value={redemptions} hook="total-redemptions" hint="all channels" />
        </Card.Content>
      </Card>
    </div>
  );
}
