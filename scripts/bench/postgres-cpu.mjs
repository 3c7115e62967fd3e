// PostgreSQL's CPU time, so each workload's figures say what the database paid as well as our
// servers: on two shared cores, a statement's planning and execution take the same CPU our Node
// processes need, and a request that is cheap for the API can still be dear for the machine.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CLOCK_TICKS, statFields as fieldsOf } from './load.mjs';

function statFields(pid) {
  try {
    return fieldsOf(pid);
  } catch {
    return undefined; // exited between the listing and the read
  }
}

/**
 * CPU seconds used so far by the PostgreSQL whose data folder is `dataDir`: the postmaster
 * with every child it has reaped (cutime, cstime: backends of closed connections) and every
 * child still running (backends, the WAL writer, the checkpointer...).
 * @returns {(() => number) | undefined} undefined when that server is not on this machine
 */
export function postgresCpuSeconds(dataDir) {
  let postmaster;
  try {
    postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
  } catch {
    return undefined;
  }
  if (!statFields(postmaster)) return undefined;
  return () => {
    const own = statFields(postmaster);
    // utime, stime, cutime, cstime: fields 14 to 17 of /proc/<pid>/stat (11 to 14 after the name)
    let ticks = own.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
    for (const { fields } of childrenOf(postmaster))
      ticks += Number(fields[11]) + Number(fields[12]);
    return ticks / CLOCK_TICKS;
  };
}

/** The running children of process `parent`: each one's pid and /proc/<pid>/stat fields. */
export function childrenOf(parent) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields?.[1] === parent) children.push({ pid: entry, fields });
  }
  return children;
}
