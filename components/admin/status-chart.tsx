'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const AXIS = { stroke: '#a9a5c2', fontSize: 12 };

/** Orders per status as bars, with the numbers in a list screen readers can read. */
export function StatusChart({
  counts,
}: {
  counts: { status: string; label: string; count: number }[];
}) {
  return (
    <figure className="grid gap-3">
      <figcaption className="text-sm text-muted-foreground">Orders by status, all time</figcaption>
      <div aria-hidden="true" className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={counts}
            accessibilityLayer={false}
            layout="vertical"
            margin={{ left: 24, right: 16 }}
          >
            <CartesianGrid stroke="#2e2a45" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={AXIS} stroke={AXIS.stroke} />
            <YAxis type="category" dataKey="label" tick={AXIS} stroke={AXIS.stroke} width={120} />
            <Tooltip
              contentStyle={{
                background: '#1a1727',
                border: '1px solid #2e2a45',
                color: '#f2f0fb',
              }}
            />
            <Bar dataKey="count" name="Orders" fill="#22d3ee" radius={[0, 3, 3, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="sr-only">
        {counts.map((c) => (
          <li key={c.status}>
            {c.label}: {c.count}
          </li>
        ))}
      </ul>
    </figure>
  );
}
