import { Card } from '@wix/design-system';
import type { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ProgramReport } from '../lib/types';

const COLORS = ['#116dff', '#00a87e', '#ff8a00', '#a543e0', '#e62214', '#3899ec', '#7a8b9c'];
/** `2026-03-07` → `03-07`: the window is at most a year, the month and day say enough. */
const shortDay = (day: string) => day.slice(5);

function ChartCard(props: { title: string; subtitle: string; hook: string; children: ReactElement }) {
  return (
    <Card dataHook={props.hook}>
      <Card.Header title={props.title} subtitle={props.subtitle} />
      <Card.Content>
        <div className="rb-chart">
          <ResponsiveContainer width="100%" height="100%">
            {props.children}
          </ResponsiveContainer>
        </div>
      </Card.Content>
    </Card>
  );
}

/** The last days of the program: tokens in and out, points in and out, redemptions per channel. */
export function ActivityCharts({ report }: { report: ProgramReport }) {
  const rows = report.days.map((d) => ({
    day: shortDay(d.day),
    visits: d.tokens.visits,
    orders: d.tokens.orders,
    byHand: d.tokens.adjustedIn,
    spent: d.tokens.spent - d.tokens.refunded,
    pointsEarned: d.points.orders + d.points.adjustedIn,
    pointsRedeemed: d.points.redeemed - d.points.refunded,
    ...Object.fromEntries(report.channels.map((c) => [`channel:${c}`, d.redemptions[c] ?? 0])),
  }));
  return (
    <div className="rb-grid">
      <ChartCard title="Tokens" subtitle="issued by visits, orders and by hand vs spent" hook="chart-tokens">
        <ComposedChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="visits" name="visits" stackId="in" fill={COLORS[0]} isAnimationActive={false} />
          <Bar dataKey="orders" name="orders" stackId="in" fill={COLORS[1]} isAnimationActive={false} />
          <Bar dataKey="byHand" name="by hand" stackId="in" fill={COLORS[6]} isAnimationActive={false} />
          <Line
            dataKey="spent"
            name="spent"
            stroke={COLORS[4]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartCard>
      <ChartCard title="Points" subtitle="earned vs redeemed" hook="chart-points">
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="pointsEarned" name="earned" fill={COLORS[1]} isAnimationActive={false} />
          <Bar dataKey="pointsRedeemed" name="redeemed" fill={COLORS[3]} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Redemptions" subtitle="per day, by channel" hook="chart-redemptions">
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
          <Tooltip />
          <Legend />
          {report.channels.map((c, i) => (
            <Bar
              key={c}
              dataKey={`channel:${c}`}
              name={c}
              stackId="r"
              fill={COLORS[i % COLORS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartCard>
    </div>
  );
}
