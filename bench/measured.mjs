// Runs the command line (bin/wenji.js) with the given arguments and, at exit, writes its peak
// resident memory (KB) to the file named by BENCH_RSS_FILE: that of the whole process tree (this
// process, its worker threads, the build's child process and its thread), sampled every 10 ms
// from /proc where there is one, and never less than this process's own peak.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Resident memory of a process (KB) and its children's ids, from /proc; undefined when unreadable. */
function proc(pid) {
  try {
    const rss = Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const children = readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(/\s+/u).filter(Boolean).map(Number));
    return { rss, children };
  } catch {
    return undefined;
  }
}

let peak = 0;
function sample() {
  let sum = 0;
  const todo = [process.pid];
  while (todo.length) {
    const p = proc(todo.pop());
    if (!p) continue;
    sum += p.rss;
    todo.push(...p.children);
  }
  peak = Math.max(peak, sum);
}
const timer = process.env.BENCH_RSS_FILE ? setInterval(sample, 10) : undefined;
timer?.unref();

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(Math.max(peak, process.resourceUsage().maxRSS)));
});
await import('../bin/wenji.js');
