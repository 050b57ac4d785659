import type { MonthlyReportFigures, ReportRetainerHours } from '../../domain/report/report-model';
import { LEDGER_CATEGORIES, type LedgerCategory } from '../../domain/ledger/hour-ledger';
import { BurnDownChart, HoursTrendChart } from '../report-charts';
import { formatMinutes, formatMoney, formatMonth, formatShortMonth, plural } from '../report-format';
import { FactTable, Nothing } from '../report-parts';
import type { ReportSection } from '../report-section';

const CATEGORY_LABELS: Record<LedgerCategory, string> = {
  bugfix: 'Bug fixes',
  enhancement: 'Enhancements',
  advisory: 'Advice',
  maintenance: 'Maintenance',
};

function termsSentence(retainer: ReportRetainerHours, currency: string): string {
  const rollover =
    retainer.rolloverMonths === 0
      ? 'Unused hours expire at the end of each month'
      : `Unused hours stay usable for ${plural(retainer.rolloverMonths, 'more month')}, then expire`;
  return `${formatMinutes(retainer.allocationMinutes)} a month. ${rollover}; hours beyond what is available are billed as overage at ${formatMoney(retainer.overageRateCents, currency)} an hour.`;
}

function Retainer({ retainer, figures }: { retainer: ReportRetainerHours; figures: MonthlyReportFigures }) {
  const month = formatMonth(figures.month);
  return (
    <div className="retainer">
      <h3>{retainer.agreementName}</h3>
      <p className="muted">{termsSentence(retainer, figures.currency)}</p>
      <div className="two-columns wide-first">
        <FactTable
          caption={`Hours in ${month}`}
          rows={[
            { label: 'Allocation', value: formatMinutes(retainer.allocationMinutes) },
            { label: 'Rolled in from earlier months', value: formatMinutes(retainer.rolledInMinutes) },
            { label: 'Used', value: formatMinutes(retainer.usedMinutes), emphasis: true },
            { label: 'Remaining', value: formatMinutes(retainer.remainingMinutes), emphasis: true },
            figures.period.complete
              ? { label: 'Expired unused this month', value: formatMinutes(retainer.expiredMinutes) }
              : {
                  label: 'Expiring at the end of this month if unused',
                  value: formatMinutes(retainer.expiringAtMonthEndMinutes),
                },
            {
              label: 'Expiring next month if unused',
              value: formatMinutes(retainer.expiringNextMonthMinutes),
            },
            {
              label: 'Overage',
              value: formatMinutes(retainer.overageMinutes),
              ...(retainer.overageMinutes > 0
                ? { note: formatMoney(retainer.overageCents, figures.currency) }
                : {}),
            },
          ]}
        />
        <FactTable
          caption="Used, by category"
          rows={[
            ...LEDGER_CATEGORIES.map((category) => ({
              label: CATEGORY_LABELS[category],
              value: formatMinutes(retainer.usedByCategory[category]),
            })),
            { label: 'Not billed (our time, on us)', value: formatMinutes(retainer.nonBillableMinutes) },
            { label: 'Change work (billed as projects)', value: formatMinutes(retainer.changeWorkMinutes) },
          ]}
        />
      </div>
      <figure className="chart-figure">
        <BurnDownChart retainer={retainer} month={figures.month} />
        <figcaption>
          Burn-down: hours remaining at the end of each day of {month}, against an even pace.
        </figcaption>
      </figure>
      {retainer.trend.length > 0 ? (
        <figure className="chart-figure">
          <HoursTrendChart trend={retainer.trend} agreementName={retainer.agreementName} />
          <figcaption>
            Six-month trend, {formatShortMonth(retainer.trend[0]!.month)} to{' '}
            {formatShortMonth(retainer.trend.at(-1)!.month)}: hours available (allocation and rolled in) and
            used.
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}

function PayAsYouGo({ figures }: { figures: MonthlyReportFigures }) {
  if (figures.hours.payAsYouGo.length === 0) return null;
  return (
    <>
      <h3>Pay-as-you-go</h3>
      <p className="muted">Billed when a request is resolved: the requests resolved this month.</p>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Agreement</th>
            <th scope="col" className="number">
              Requests billed
            </th>
            <th scope="col" className="number">
              Billable time
            </th>
            <th scope="col" className="number">
              Rate
            </th>
            <th scope="col" className="number">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.hours.payAsYouGo.map((payg) => (
            <tr key={payg.agreementId}>
              <th scope="row">{payg.agreementName}</th>
              <td className="number">{payg.ticketsBilled}</td>
              <td className="number">{formatMinutes(payg.billableMinutes)}</td>
              <td className="number">{formatMoney(payg.hourlyRateCents, figures.currency)} / h</td>
              <td className="number">{formatMoney(payg.amountCents, figures.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Projects({ figures }: { figures: MonthlyReportFigures }) {
  if (figures.hours.projects.length === 0) return null;
  return (
    <>
      <h3>Change projects</h3>
      <p className="muted">Approved change work, tracked on its own and never drawn from the retainer.</p>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col" className="number">
              This month
            </th>
            <th scope="col" className="number">
              So far
            </th>
            <th scope="col" className="number">
              Budget
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.hours.projects.map((project) => (
            <tr key={project.name}>
              <th scope="row">{project.name}</th>
              <td className="number">{formatMinutes(project.minutes)}</td>
              <td className="number">{formatMinutes(project.totalMinutes)}</td>
              <td className="number">{formatMinutes(project.budgetMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const hoursSection: ReportSection = {
  id: 'hours',
  title: 'Hours',
  render(figures) {
    const { hours } = figures;
    if (hours.retainers.length + hours.payAsYouGo.length + hours.projects.length === 0)
      return <Nothing>No time was booked against an agreement in {formatMonth(figures.month)}.</Nothing>;
    return (
      <>
        {hours.retainers.length === 0 ? (
          <Nothing>No retainer was in force in {formatMonth(figures.month)}.</Nothing>
        ) : (
          hours.retainers.map((retainer) => (
            <Retainer key={retainer.agreementId} retainer={retainer} figures={figures} />
          ))
        )}
        <PayAsYouGo figures={figures} />
        <Projects figures={figures} />
      </>
    );
  },
};
