// `npm run bench`: every benchmark, one after the other, each figure beside its peer measured in the same run.
import { benchDeadlines } from './sla-deadlines.bench';
import { benchMonthlyReports } from './monthly-report.bench';
import { benchSlaRederive } from './sla-rederive.bench';
import { benchSlackIntake } from './slack-intake.bench';

const results = {
  deadlines: await benchDeadlines(),
  slaRederive: await benchSlaRederive(),
  slackIntakePGlite: await benchSlackIntake(),
  // On PostgreSQL too when BENCH_DATABASE_URL names an empty database (production runs on PostgreSQL).
  ...(process.env.BENCH_DATABASE_URL
    ? { slackIntakePostgres: await benchSlackIntake(process.env.BENCH_DATABASE_URL) }
    : {}),
  // 200 clients × 12 months of demo-sized data; the PostgreSQL run needs its own empty database.
  monthlyReportsPGlite: await benchMonthlyReports(),
  ...(process.env.BENCH_REPORT_DATABASE_URL
    ? { monthlyReportsPostgres: await benchMonthlyReports(process.env.BENCH_REPORT_DATABASE_URL) }
    : {}),
};
console.log(JSON.stringify(results, null, 2));
