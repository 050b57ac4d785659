import { scaleBand, scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { ReportHoursMonth, ReportRetainerHours } from '../domain/report/report-model';
import { formatHours, formatShortMonth } from './report-format';
import { datesOfMonth } from '../domain/ledger/months';

/**
 * The report's charts as plain SVG, laid out with d3-scale and drawn with d3-shape paths, so they render the
 * same in the page and in the PDF with no script running (charting libraries that draw in the browser render
 * nothing on the server).
 */
const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 16, right: 16, bottom: 32, left: 52 };
/** Room above the plot for the legend. */
const LEGEND_HEIGHT = 22;

const COLORS = {
  line: '#1d4e89',
  fill: '#d6e4f5',
  pace: '#8a94a6',
  grid: '#e3e7ee',
  axis: '#4a5568',
  allocation: '#9fb9dc',
  rolledIn: '#cfdcef',
  used: '#1d4e89',
  overage: '#c0392b',
};

/** Grid lines from zero to the first whole step at or above the largest value, so nothing is cut off. */
function hourTicks(maxMinutes: number): number[] {
  const step = niceStep(maxMinutes / 4);
  const count = Math.max(1, Math.ceil(maxMinutes / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}

/** A step of whole hours (1, 2, 5, 10, 20, …) that gives about four grid lines. */
function niceStep(rawMinutes: number): number {
  const hours = Math.max(rawMinutes / 60, 1);
  const magnitude = 10 ** Math.floor(Math.log10(hours));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= hours);
  return (step ?? 10 * magnitude) * 60;
}

function YAxis({ ticks, y }: { ticks: number[]; y: (value: number) => number }) {
  return (
    <g>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={COLORS.grid} />
          <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="10" fill={COLORS.axis}>
            {formatHours(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Remaining retainer hours at the end of each day, against an even pace from the month's total to zero. */
export function BurnDownChart({ retainer, month }: { retainer: ReportRetainerHours; month: string }) {
  const points = retainer.burnDown;
  // The whole month on the axis, also while it runs (the line then stops at today).
  const days = datesOfMonth(month).length;
  const start = retainer.allocationMinutes + retainer.rolledInMinutes;
  const max = Math.max(start, ...points.map((point) => point.remainingMinutes), 60);
  const ticks = hourTicks(max);
  const top = ticks.at(-1) ?? max;
  const x = scaleLinear()
    .domain([0, days])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, top])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top + LEGEND_HEIGHT]);
  // Day 0 is the start of the month (the whole allocation); day n is the end of the month's n-th day.
  const series: Array<[number, number]> = [
    [0, start],
    ...points.map((point, index): [number, number] => [index + 1, point.remainingMinutes]),
  ];
  const remainingLine = line<[number, number]>()
    .x(([day]) => x(day))
    .y(([, minutes]) => y(Math.max(minutes, 0)))(series);
  const remainingArea = area<[number, number]>()
    .x(([day]) => x(day))
    .y0(y(0))
    .y1(([, minutes]) => y(Math.max(minutes, 0)))(series);
  const labelledDays = [1, 7, 14, 21, 28].filter((day) => day <= days);
  const title = `Burn-down of ${retainer.agreementName}: hours remaining at the end of each day`;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
      <title>{title}</title>
      <YAxis ticks={ticks} y={y} />
      <path d={remainingArea ?? ''} fill={COLORS.fill} />
      <line
        x1={x(0)}
        y1={y(start)}
        x2={x(days)}
        y2={y(0)}
        stroke={COLORS.pace}
        strokeDasharray="5 4"
        strokeWidth="1.5"
      />
      <path d={remainingLine ?? ''} fill="none" stroke={COLORS.line} strokeWidth="2.5" />
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke={COLORS.axis} />
      {labelledDays.map((day) => (
        <text key={day} x={x(day)} y={HEIGHT - 12} textAnchor="middle" fontSize="10" fill={COLORS.axis}>
          {day}
        </text>
      ))}
      <g fontSize="10" fill={COLORS.axis}>
        <line
          x1={WIDTH - 250}
          x2={WIDTH - 230}
          y1={MARGIN.top}
          y2={MARGIN.top}
          stroke={COLORS.line}
          strokeWidth="2.5"
        />
        <text x={WIDTH - 225} y={MARGIN.top + 4}>
          remaining
        </text>
        <line
          x1={WIDTH - 160}
          x2={WIDTH - 140}
          y1={MARGIN.top}
          y2={MARGIN.top}
          stroke={COLORS.pace}
          strokeDasharray="5 4"
          strokeWidth="1.5"
        />
        <text x={WIDTH - 135} y={MARGIN.top + 4}>
          even pace
        </text>
      </g>
    </svg>
  );
}

/** Six months side by side: hours available (allocation and rolled in) against hours used (and overage). */
export function HoursTrendChart({
  trend,
  agreementName,
}: {
  trend: ReportHoursMonth[];
  agreementName: string;
}) {
  const max = Math.max(
    60,
    ...trend.map((month) => Math.max(month.allocationMinutes + month.rolledInMinutes, month.usedMinutes)),
  );
  const ticks = hourTicks(max);
  const top = ticks.at(-1) ?? max;
  const x = scaleBand<string>()
    .domain(trend.map((month) => month.month))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const y = scaleLinear()
    .domain([0, top])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top + LEGEND_HEIGHT]);
  const barWidth = x.bandwidth() / 2;
  const title = `Six-month trend of ${agreementName}: hours available and used per month`;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
      <title>{title}</title>
      <YAxis ticks={ticks} y={y} />
      {trend.map((month) => {
        const left = x(month.month) ?? 0;
        const withinAllocation = month.usedMinutes - month.overageMinutes;
        return (
          <g key={month.month}>
            <rect
              x={left}
              width={barWidth - 2}
              y={y(month.allocationMinutes)}
              height={y(0) - y(month.allocationMinutes)}
              fill={COLORS.allocation}
            />
            <rect
              x={left}
              width={barWidth - 2}
              y={y(month.allocationMinutes + month.rolledInMinutes)}
              height={y(month.allocationMinutes) - y(month.allocationMinutes + month.rolledInMinutes)}
              fill={COLORS.rolledIn}
            />
            <rect
              x={left + barWidth}
              width={barWidth - 2}
              y={y(withinAllocation)}
              height={y(0) - y(withinAllocation)}
              fill={COLORS.used}
            />
            <rect
              x={left + barWidth}
              width={barWidth - 2}
              y={y(month.usedMinutes)}
              height={y(withinAllocation) - y(month.usedMinutes)}
              fill={COLORS.overage}
            />
            <text
              x={left + barWidth * 1.5}
              y={y(month.usedMinutes) - 4}
              textAnchor="middle"
              fontSize="9"
              fill={COLORS.axis}
            >
              {formatHours(month.usedMinutes)}
            </text>
            <text
              x={left + x.bandwidth() / 2}
              y={HEIGHT - 12}
              textAnchor="middle"
              fontSize="10"
              fill={COLORS.axis}
            >
              {formatShortMonth(month.month)}
            </text>
          </g>
        );
      })}
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke={COLORS.axis} />
      <g fontSize="10" fill={COLORS.axis}>
        {[
          ['allocation', COLORS.allocation],
          ['rolled in', COLORS.rolledIn],
          ['used', COLORS.used],
          ['overage', COLORS.overage],
        ].map(([label, color], index) => (
          <g key={label} transform={`translate(${MARGIN.left + 8 + index * 95}, ${MARGIN.top - 8})`}>
            <rect width="10" height="10" fill={color} />
            <text x="14" y="9">
              {label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
