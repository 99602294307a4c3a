'use client';

import { useState } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatAmount } from './format';
import type { DayPoint, HourPoint } from '@/lib/admin/stats';

const PERIODS = [
  { key: 'today', label: 'Today' },
  { key: '7d', label: '7 days' },
  { key: '30d', label: '30 days' },
] as const;
type Period = (typeof PERIODS)[number]['key'];

type Point = { label: string; orders: number; revenue: number };

const AXIS = { stroke: '#a9a5c2', fontSize: 12 };

/**
 * Revenue (bars) and orders (line) for the chosen period. The drawing is hidden from assistive
 * technology; the same numbers are in a table it can read.
 */
export function SalesChart({
  daily,
  hourly,
  currency,
}: {
  daily: DayPoint[];
  hourly: HourPoint[];
  currency: string;
}) {
  const [period, setPeriod] = useState<Period>('7d');
  const points: Point[] =
    period === 'today'
      ? hourly.map((h) => ({
          label: `${h.hour}:00`,
          orders: h.orders,
          revenue: h.revenueCents / 100,
        }))
      : daily
          .slice(period === '7d' ? -7 : -30)
          .map((d) => ({ label: d.day.slice(5), orders: d.orders, revenue: d.revenueCents / 100 }));
  const money = (dollars: number) => formatAmount(Math.round(dollars * 100), currency);
  const caption = `Revenue and orders, ${PERIODS.find((p) => p.key === period)!.label.toLowerCase()} (UTC)`;
  return (
    <figure className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm text-muted-foreground">{caption}</figcaption>
        <div role="group" aria-label="Period" className="flex gap-1">
          {PERIODS.map((p) => (
            <button
              key={p.key}
              type="button"
              aria-pressed={period === p.key}
              onClick={() => setPeriod(p.key)}
              className="h-8 rounded-md border border-input px-3 text-xs font-semibold aria-pressed:border-primary aria-pressed:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <div aria-hidden="true" className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={points}
            accessibilityLayer={false}
            margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke="#2e2a45" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} stroke={AXIS.stroke} interval="preserveStartEnd" />
            <YAxis
              yAxisId="revenue"
              tick={AXIS}
              stroke={AXIS.stroke}
              tickFormatter={(v: number) => money(v)}
              width={72}
            />
            <YAxis
              yAxisId="orders"
              orientation="right"
              allowDecimals={false}
              tick={AXIS}
              stroke={AXIS.stroke}
              width={32}
            />
            <Tooltip
              contentStyle={{
                background: '#1a1727',
                border: '1px solid #2e2a45',
                color: '#f2f0fb',
              }}
              formatter={(value, name) =>
                name === 'Revenue' ? money(Number(value)) : String(value)
              }
            />
            <Bar
              yAxisId="revenue"
              dataKey="revenue"
              name="Revenue"
              fill="#ff5cd6"
              radius={[3, 3, 0, 0]}
            />
            <Line
              yAxisId="orders"
              dataKey="orders"
              name="Orders"
              stroke="#22d3ee"
              strokeWidth={2}
              dot={false}
              type="monotone"
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{period === 'today' ? 'Hour' : 'Day'}</th>
            <th scope="col">Revenue</th>
            <th scope="col">Orders</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              <td>{money(p.revenue)}</td>
              <td>{p.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
