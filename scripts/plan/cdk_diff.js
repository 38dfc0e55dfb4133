// Diffs pairs of CloudFormation templates with @aws-cdk/cloudformation-diff (what `cdk diff`
// runs) and prints, per pair, the resources it marks WILL_REPLACE and MAY_REPLACE as JSON:
//   node cdk_diff.js OLD.json NEW.json [OLD2.json NEW2.json ...]
//   -> one line per pair: {"old": ..., "new": ..., "WILL_REPLACE": [...], "MAY_REPLACE": [...],
//                          "impacts": {"LogicalId": "WILL_UPDATE", ...}, "ms": <diff wall time>,
//                          "cpu_ms": <diff CPU time, user + system>}
// With --repeat N (before the files) it diffs each pair N times and reports every run's time,
// for the benchmark. The module is found through NODE_PATH (the scratch folder's node_modules),
// so nothing is installed in the repository. Templates must be JSON.
const fs = require('fs');
const { fullDiff } = require('@aws-cdk/cloudformation-diff');

let args = process.argv.slice(2);
let repeat = 1;
if (args[0] === '--repeat') {
  repeat = parseInt(args[1], 10);
  args = args.slice(2);
}
for (let i = 0; i + 1 < args.length; i += 2) {
  const times = [];
  const cpu = [];
  let diff;
  for (let r = 0; r < repeat; r++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    // Reading and parsing count: cfnlocal's figure includes reading its templates too.
    const oldTemplate = JSON.parse(fs.readFileSync(args[i], 'utf8'));
    const newTemplate = JSON.parse(fs.readFileSync(args[i + 1], 'utf8'));
    diff = fullDiff(oldTemplate, newTemplate);
    const out = { WILL_REPLACE: [], MAY_REPLACE: [], impacts: {} };
    diff.resources.forEachDifference((id, change) => {
      out.impacts[id] = change.changeImpact;
      if (change.changeImpact === 'WILL_REPLACE') out.WILL_REPLACE.push(id);
      if (change.changeImpact === 'MAY_REPLACE') out.MAY_REPLACE.push(id);
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1e3);
    diff = out;
  }
  diff.old = args[i];
  diff.new = args[i + 1];
  diff.ms = repeat === 1 ? times[0] : times;
  diff.cpu_ms = repeat === 1 ? cpu[0] : cpu;
  process.stdout.write(JSON.stringify(diff) + '\n');
}
