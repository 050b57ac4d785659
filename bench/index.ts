// `npm run bench`: every benchmark, one after the other, each figure beside its peer measured in the same run.
import { benchDeadlines } from './sla-deadlines.bench';
import { benchSlaRederive } from './sla-rederive.bench';

const results = {
  deadlines: await benchDeadlines(),
  slaRederive: await benchSlaRederive(),
};
console.log(JSON.stringify(results, null, 2));
