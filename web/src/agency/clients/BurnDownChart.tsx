import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { formatMinutes } from '../../app/format';
import type { BurnDownPoint } from './burndown';

/** The chart itself, loaded on demand; its text alternative is rendered by the caller. */
export default function BurnDownChart({ points }: { points: BurnDownPoint[] }) {
  return (
    <AreaChart
      h={220}
      data={points}
      dataKey="label"
      series={[
        { name: 'remaining', label: 'Remaining', color: 'teal.6' },
        {
          name: 'evenPace',
          label: 'Even pace',
          color: 'gray.6',
          strokeDasharray: '5 5',
          curveType: 'linear',
        },
      ]}
      curveType="stepAfter"
      connectNulls={false}
      withDots={false}
      withLegend
      legendProps={{ itemSorter: null }}
      fillOpacity={0.15}
      valueFormatter={(hours) => formatMinutes(Math.round(hours * 60))}
      yAxisProps={{ width: 80, domain: [0, 'auto'] }}
      xAxisProps={{ minTickGap: 16 }}
      areaProps={(series) => (series.name === 'evenPace' ? { fillOpacity: 0 } : {})}
    />
  );
}
