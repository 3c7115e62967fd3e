// The command line: `npm run bench [-- --quick] [-- --articles N] [-- --workloads W1,W2]
// [-- --profile] [-- --no-peer] [-- --node 24] [-- --duration S --runs N]` (--profile: the uncached API and reader run under
// `node --cpu-prof`; --no-peer: no PostGraphile, which --quick leaves out unless given --peer;
// --node: every measured server, ours, the baseline and the peer, runs on that Node, a major
// such as 24 (the images' Node, the default except with --quick), an exact version, or
// `current` (the Node running the bench); fetched from the npm registry into .cache/).
import { parseArgs } from 'node:util';

/** What this run measures, and for how long. */
export function benchOptions(argv = process.argv.slice(2)) {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      articles: { type: 'string' },
      // e.g. --workloads W1,W2 for the scale run
      workloads: { type: 'string' },
      profile: { type: 'boolean', default: false },
      // PostGraphile 5 beside the baseline on W1 and W2 (./peer.mjs)
      peer: { type: 'boolean' },
      // the Node the servers run on: 24 (the images') unless --quick; `current` for this one
      node: { type: 'string' },
      // shorter measured runs for paired comparisons (e.g. --duration 5 --runs 1)
      duration: { type: 'string' },
      runs: { type: 'string' },
    },
    allowNegative: true,
  });
  const quick = args.quick;
  for (const name of ['duration', 'runs', 'articles'])
    if (args[name] !== undefined && !(Number(args[name]) > 0))
      throw new Error(`--${name} ${args[name]}: expected a positive number`);
  return {
    quick,
    articles: Number(args.articles ?? (quick ? 500 : 10_000)),
    // --quick (CI) proves every workload still runs and answers as expected: one short measured
    // run each, not a median of three; its figures are never read.
    timing: {
      ...(quick ? { warmup: 1, duration: 2, runs: 1 } : { warmup: 3, duration: 10, runs: 3 }),
      ...(args.duration && { duration: Number(args.duration) }),
      ...(args.runs && { runs: Number(args.runs) }),
    },
    workloads: args.workloads?.split(',').map((id) => id.trim()),
    // Off for --quick (CI): its first run downloads Node 22 and PostGraphile (about 60 MB), and
    // CI's quick bench only proves the scripts still run.
    peer: args.peer ?? !quick,
    // Servers are measured on the Node production runs (the images' node:24); Node 20, which
    // runs the repo's tools, is past its end of life. On a quiet machine Node 24 spent 5-12%
    // less CPU per request than Node 20 on W1-W4 (README, "Latest figures"). --quick (CI) stays
    // on the running Node so CI downloads nothing; `--node current` does the same for a full run.
    node: args.node === 'current' ? undefined : (args.node ?? (quick ? undefined : '24')),
    // where the CPU profiles go: one folder per run
    profile: args.profile
      ? `bench/profiles/${new Date().toISOString().replace(/[:.]/g, '-')}`
      : undefined,
  };
}

export const log = (message) => console.error(`[bench] ${message}`);
