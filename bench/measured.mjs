// Runs the command line (bin/wenji.js) with the given arguments and, at exit, writes its peak
// resident memory (KB, worker threads included) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
await import('../bin/wenji.js');
