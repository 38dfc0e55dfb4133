#!/usr/bin/env python3
"""Benchmark: `cfnlocal plan` against @aws-cdk/cloudformation-diff (what `cdk diff` runs) on the
same two templates, same run.

usage: run.py [--cfnlocal BIN] [--resources 500] [--runs 11] [--npm-dir DIR] [--keep DIR]

The deployed template is bench/deploy/generate_stack.py's stack (500 resources: queues, topics,
SSM parameters, log groups, buckets in Ref / GetAtt / Sub chains) where, in ten groups, the log
group's name (createOnly) reads its queue's QueueName and the SSM parameter's name (createOnly)
reads the log group's Ref. The second template makes 50 edits:
  - ten queues of those groups get a QueueName (createOnly): each is replaced, and the replacement
    cascades to its log group (replaced: its name changes), to that group's SSM parameter
    (replaced: its name reads the log group), and to the topic that shows the queue's name and
    the next queue whose RedrivePolicy reads its Arn (in-place updates);
  - 20 other queues get a new VisibilityTimeout and 20 log groups a new RetentionInDays (in place).
It deploys the first template with `cfnlocal deploy`, then times, alternating:
  - `cfnlocal plan --output json` as a process (wall time: start, read state and template,
    compute the change set, print it), --runs times;
  - node with cdk_diff.js (scripts/plan/) diffing the same two JSON templates, one diff per
    process as `cdk diff` runs (wall and CPU time of the process), --node-runs times; and --runs
    diffs in one process (in-process time of each diff: the first one cold, the rest warm).
@aws-cdk/cloudformation-diff is installed with npm into --npm-dir (a scratch folder, default
/tmp/cfnlocal-cdk-diff), never into the repository. Prints the medians, the ratio, and the
replaced resources each tool reports.
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "deploy"))
import generate_stack  # noqa: E402

CASCADE_GROUPS = 10


def templates(n):
    old = generate_stack.template(n)
    res = old["Resources"]
    groups = [i for i in range(0, n // 5, max(1, (n // 5) // CASCADE_GROUPS))][:CASCADE_GROUPS]
    for i in groups:
        res[f"Logs{i}"]["Properties"]["LogGroupName"] = {"Fn::Sub": "bench-${Queue%d.QueueName}-logs" % i}
        res[f"Param{i}"]["Properties"]["Name"] = {"Fn::Sub": "/bench/${Logs%d}/param" % i}
    new = json.loads(json.dumps(old))
    res = new["Resources"]
    for i in groups:
        res[f"Queue{i}"]["Properties"]["QueueName"] = f"bench-renamed-{i}"
    others = [i for i in range(n // 5) if i not in groups]
    for i in others[:20]:
        res[f"Queue{i}"]["Properties"]["VisibilityTimeout"] += 1
    for i in others[20:40]:
        res[f"Logs{i}"]["Properties"]["RetentionInDays"] = 14
    return old, new, groups


def ensure_cdk_diff(npm_dir):
    module = os.path.join(npm_dir, "node_modules", "@aws-cdk", "cloudformation-diff")
    if not os.path.isdir(module):
        os.makedirs(npm_dir, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", npm_dir,
                        "@aws-cdk/cloudformation-diff"], check=True)
    with open(os.path.join(module, "package.json")) as f:
        return json.load(f)["version"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cfnlocal", default=os.path.join(ROOT, "build", "cfnlocal"))
    p.add_argument("--resources", type=int, default=500)
    p.add_argument("--runs", type=int, default=11)
    p.add_argument("--node-runs", type=int, default=5)
    p.add_argument("--npm-dir", default="/tmp/cfnlocal-cdk-diff")
    p.add_argument("--keep", default="")
    a = p.parse_args()
    version = ensure_cdk_diff(a.npm_dir)
    with tempfile.TemporaryDirectory(prefix="cfnlocal-bench-plan-") as tmp:
        work = a.keep or tmp
        os.makedirs(work, exist_ok=True)
        old, new, groups = templates(a.resources)
        old_path, new_path = os.path.join(work, "old.json"), os.path.join(work, "new.json")
        for path, doc in ((old_path, old), (new_path, new)):
            with open(path, "w") as f:
                json.dump(doc, f, indent=1)
        state = os.path.join(work, "state.db")
        common = ["--state", state, "--region", "us-east-1", "--output", "json"]
        subprocess.run([a.cfnlocal, "deploy", "--stack-name", "bench", "--template-file", old_path] + common,
                       check=True, capture_output=True)
        plan_cmd = [a.cfnlocal, "plan", "--stack-name", "bench", "--template-file", new_path] + common
        node_cmd = ["node", os.path.join(ROOT, "scripts", "plan", "cdk_diff.js"), "--repeat", str(a.runs),
                    old_path, new_path]
        env = dict(os.environ, NODE_PATH=os.path.join(a.npm_dir, "node_modules"))
        plan_ms, plan_cpu, node_wall_ms, cdk = [], [], [], None
        for _ in range(a.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            out = subprocess.run(plan_cmd, check=True, capture_output=True, text=True).stdout
            plan_ms.append((time.perf_counter() - start) * 1e3)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            plan_cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1e3)
        # One diff per node process, as `cdk diff` runs: start node, load the module and its spec
        # database, read the two templates, diff.
        one_cmd = node_cmd[:2] + node_cmd[4:]
        node_cpu = []
        for _ in range(a.node_runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(one_cmd, check=True, capture_output=True, text=True, env=env)
            node_wall_ms.append((time.perf_counter() - start) * 1e3)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            node_cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1e3)
        # --runs diffs in one process: the first cold, the others warm (module and spec loaded).
        cdk = json.loads(subprocess.run(node_cmd, check=True, capture_output=True, text=True, env=env).stdout)
        changes = json.loads(out)["Changes"]
        ours = sorted(c["ResourceChange"]["LogicalResourceId"] for c in changes
                      if c["ResourceChange"].get("Replacement") in ("True", "Conditional"))
        theirs = sorted(cdk["WILL_REPLACE"] + cdk["MAY_REPLACE"])
        warm = statistics.median(cdk["ms"][1:]) if len(cdk["ms"]) > 1 else cdk["ms"][0]
        warm_cpu = statistics.median(cdk["cpu_ms"][1:]) if len(cdk["cpu_ms"]) > 1 else cdk["cpu_ms"][0]
        median = statistics.median(plan_ms)
        median_cpu = statistics.median(plan_cpu)
        print(f"load average (1 min, end of run): {os.getloadavg()[0]:.1f} (2 cores)")
        print(f"resources {a.resources}, direct edits {len(groups) + 40}, changes planned {len(changes)}")
        print(f"cfnlocal plan (process wall, median of {a.runs}): {median:.1f} ms"
              f"  [min {min(plan_ms):.1f}, max {max(plan_ms):.1f}]; CPU (user+sys) median {median_cpu:.1f} ms")
        print(f"@aws-cdk/cloudformation-diff {version} fullDiff in-process: first (cold) {cdk['ms'][0]:.1f} ms,"
              f" median of the next {len(cdk['ms']) - 1}: {warm:.1f} ms; CPU: first {cdk['cpu_ms'][0]:.1f} ms,"
              f" median {warm_cpu:.1f} ms")
        node_wall, node_cpu_median = statistics.median(node_wall_ms), statistics.median(node_cpu)
        print(f"node cdk_diff.js, one diff per process (median of {a.node_runs}): wall {node_wall:.1f} ms,"
              f" CPU (user+sys) {node_cpu_median:.1f} ms")
        print(f"speed-up, process against process: wall {node_wall / median:.1f}x, CPU {node_cpu_median / median_cpu:.1f}x")
        print(f"speed-up against a warm in-process diff (module loaded, not what `cdk diff` does once):"
              f" wall {warm / median:.1f}x, CPU {warm_cpu / median_cpu:.1f}x")
        print(f"replaced (cfnlocal True/Conditional): {len(ours)}; cdk-diff WILL/MAY_REPLACE: {len(theirs)};"
              f" same set: {ours == theirs}")
        if ours != theirs:
            print("  only cfnlocal:", sorted(set(ours) - set(theirs)))
            print("  only cdk-diff:", sorted(set(theirs) - set(ours)))


if __name__ == "__main__":
    main()
