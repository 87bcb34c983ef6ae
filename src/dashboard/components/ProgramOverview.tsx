import { Box, EmptyState, Text } from '@wix/design-system';
import { getProgramReport } from '../../backend/dashboard.web';
import { useLoad } from '../lib/use-call';
import { ActivityCharts } from './ActivityCharts';
import { LoadState } from './LoadState';
import { ProgramTotals } from './ProgramTotals';

/** The picture of the program: totals and the last 30 days, reloaded whenever staff change something. */
export function ProgramOverview({ version }: { version: number }) {
  const [report, reload] = useLoad(() => getProgramReport({}), [version]);
  return (
    <LoadState loaded={report} retry={reload}>
      {(value) => {
        const quiet = value.days.every(
          (d) =>
            Object.keys(d.redemptions).length === 0 &&
            Object.values(d.tokens).every((n) => n === 0) &&
            Object.values(d.points).every((n) => n === 0),
        );
        return (
          <Box direction="vertical" gap="SP4">
            <ProgramTotals report={value} />
            {quiet ? (
              <EmptyState
                theme="section"
                title="No activity in these 30 days yet"
                subtitle="Visits, orders, adjustments and redemptions appear here as they happen."
                dataHook="report-empty"
              />
            ) : (
              <ActivityCharts report={value} />
            )}
            <Text size="tiny" secondary>
              Days are UTC. From the app’s own records: changes made in Wix directly, and tokens the monthly
              rollover cap removes, are not counted.
            </Text>
          </Box>
        );
      }}
    </LoadState>
  );
}
