import { BarChart, type BarChartSeries } from '@mantine/charts';
import { useNumber } from './report-parts.tsx';

// Charts of the report pages, kept apart from report-parts so the landing page does not load the chart library.

/** A horizontal bar chart's height for `rows` bars. */
const barsHeight = (rows: number) => Math.max(160, rows * 30 + 70);

/** A chart's y-axis of labels, narrow enough for a phone. */
const labelAxis = { width: 110, tick: { fontSize: 11 } };

/** Horizontal bars, one per label, readable on a phone: labels on the left axis, legend below. */
export function Bars({
  data,
  series,
  stacked = false,
}: {
  data: Record<string, string | number>[];
  series: BarChartSeries[];
  stacked?: boolean;
}) {
  const number = useNumber();
  return (
    <BarChart
      h={barsHeight(data.length * (new Set(series.map((s) => s.stackId).filter(Boolean)).size > 1 ? 1.6 : 1))}
      data={data}
      dataKey="label"
      orientation="vertical"
      // Series with their own stackId stack per id (Mantine's mixed stacking works with the default type).
      type={stacked && !series.some((s) => s.stackId) ? 'stacked' : 'default'}
      series={series}
      withLegend={series.length > 1}
      legendProps={{ verticalAlign: 'bottom', wrapperStyle: { fontSize: 12 } }}
      yAxisProps={labelAxis}
      gridAxis="x"
      valueFormatter={(v) => number(v)}
    />
  );
}
