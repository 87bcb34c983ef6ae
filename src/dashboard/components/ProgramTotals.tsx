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

/** Issued, redeemed and still owed, for tokens and points, over the report's window. */
export function ProgramTotals({ report }: { report: ProgramReport }) {
  const { tokens, points, redemptions } = report.totals;
  return (
    <div className="rb-grid">
      <Card>
        <Card.Header title="Tokens" subtitle={`${report.from} to ${report.to}`} />
        <Card.Content>
          <Box gap="SP4" flexWrap="wrap">
            <Figure
              label="Issued"
              value={tokens.issued}
              hook="total-tokens-issued"
              hint="visits, orders, by hand"
            />
            <Figure
              label="Redeemed"
              value={tokens.redeemed}
              hook="total-tokens-redeemed"
              hint="net of cancellations"
            />
            <Figure
              label="Owed to members"
              value={tokens.outstanding}
              hook="total-tokens-outstanding"
              hint="at the end"
            />
          </Box>
        </Card.Content>
      </Card>
      <Card>
        <Card.Header title="Points" subtitle={`${report.from} to ${report.to}`} />
        <Card.Content>
          <Box gap="SP4" flexWrap="wrap">
            <Figure label="Earned" value={points.issued} hook="total-points-issued" hint="orders, by hand" />
            <Figure
              label="Redeemed"
              value={points.redeemed}
              hook="total-points-redeemed"
              hint="net of cancellations"
            />
            <Figure
              label="Owed to members"
              value={points.outstanding}
              hook="total-points-outstanding"
              hint="at the end"
            />
          </Box>
        </Card.Content>
      </Card>
      <Card>
        <Card.Header title="Redemptions" subtitle={`${report.from} to ${report.to}`} />
        <Card.Content>
          <Figure label="Made" value={redemptions} hook="total-redemptions" hint="all channels" />
        </Card.Content>
      </Card>
    </div>
  );
}
