import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { PRIORITY_COLOR } from '../../app/format';
import type { Priority } from '../../api/types';

export interface ComplianceBar {
  label: string;
  critical: number | null;
  high: number | null;
  medium: number | null;
  low: number | null;
}

const TIERS: Priority[] = ['critical', 'high', 'medium', 'low'];

/** Compliance % per tier per month, loaded on demand; the caller renders the table of figures. */
export default function ComplianceChart({ data }: { data: ComplianceBar[] }) {
  return (
    <BarChart
      h={240}
      data={data}
      dataKey="label"
      series={TIERS.map((tier) => ({ name: tier, label: tier, color: `${PRIORITY_COLOR[tier]}.6` }))}
      withLegend
      legendProps={{ itemSorter: null }}
      yAxisProps={{ domain: [0, 100], width: 56 }}
      valueFormatter={(value) => `${value} %`}
      maxBarWidth={18}
    />
  );
}
