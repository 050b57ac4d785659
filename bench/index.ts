// `npm run bench`: every benchmark, one after the other, each figure beside its peer measured in the same run.
import { benchDeadlines } from './sla-deadlines.bench';
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
};
console.log(JSON.stringify(results, null, 2));
