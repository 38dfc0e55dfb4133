#!/usr/bin/env python3
"""Differential with `cdk diff`: on the mutations of plan_equals_deploy.py, the resources
@aws-cdk/cloudformation-diff marks WILL_REPLACE / MAY_REPLACE against those cfnlocal's plan marks
Replacement True / Conditional.

usage: cdk_diff_compare.py [--cfnlocal BIN] [--schemas DIR] [--seed N] [--only SUBSTR]
                           [--corpus DIR --classification FILE | --templates DIR [--pick FILE]...]
                           [--npm-dir DIR] [--verbose]

Installs @aws-cdk/cloudformation-diff with npm into --npm-dir (a scratch folder, default
/tmp/cfnlocal-cdk-diff; never the repository) when it is not there, and diffs every pair in one
node process (cdk_diff.js). cfnlocal's side: deploy the original, `plan --output json` the
mutation. Each resource where the two disagree is printed with the kind of difference
(differences.md explains each kind):
  cdk-only-conditional  cdk says MAY_REPLACE, cfnlocal plans no replacement (or none at all)
  cdk-only-will         cdk says WILL_REPLACE, cfnlocal plans no replacement
  cfnlocal-only         cfnlocal plans True/Conditional, cdk says neither
  strength              both replace, one says WILL/True and the other MAY/Conditional
Prints `N agree, M differ` (templates) and the count of each kind.
"""
import argparse, json, os, subprocess, sys, tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plan_equals_deploy as ped  # noqa: E402
import mutate  # noqa: E402
import classify  # noqa: E402  (made importable by plan_equals_deploy)


def ensure_cdk_diff(npm_dir):
    module = os.path.join(npm_dir, "node_modules", "@aws-cdk", "cloudformation-diff")
    if not os.path.isdir(module):
        os.makedirs(npm_dir, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", npm_dir,
                        "@aws-cdk/cloudformation-diff"], check=True)
    with open(os.path.join(module, "package.json")) as f:
        return json.load(f)["version"]


def cfnlocal_side(a, name, path, values, work, facts):
    doc, _ = classify.load(path)
    original = mutate.long_form(doc)
    m = mutate.mutate(original, facts, a.seed)
    base = os.path.join(work, name.replace("/", "_"))
    with open(base + ".orig.json", "w") as f:
        json.dump(original, f)
    with open(base + ".new.json", "w") as f:
        json.dump(m.doc, f)
    state = base + ".db"
    params = ["--parameter-overrides"] + ["%s=%s" % kv for kv in sorted(values.items())] if values else []
    try:
        ped.cli(a.cfnlocal, state, "deploy", "--stack-name", "plan", "--template-file", base + ".orig.json",
                *ped.CAPS, *params)
        plan = ped.cli(a.cfnlocal, state, "plan", "--stack-name", "plan", "--template-file",
                       base + ".new.json", *ped.CAPS, *params)
    except ped.Failure as e:
        return None, str(e), m
    rep = {}
    for c in plan["Changes"]:
        rc = c["ResourceChange"]
        rep[rc["LogicalResourceId"]] = rc.get("Replacement") or rc["Action"]
    return (base + ".orig.json", base + ".new.json", rep), None, m


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cfnlocal", default=os.path.join(ped.ROOT, "build", "cfnlocal"))
    p.add_argument("--schemas", default=ped.shared("schemas/us-east-1"))
    p.add_argument("--corpus", default=ped.shared("corpus/cfn-templates"))
    p.add_argument("--classification", default=os.path.join(ped.ROOT, "scripts", "corpus", "classification.tsv"))
    p.add_argument("--templates", default="")
    p.add_argument("--pick", action="append", default=[])
    p.add_argument("--only", default="")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--npm-dir", default="/tmp/cfnlocal-cdk-diff")
    p.add_argument("--verbose", action="store_true")
    a = p.parse_args()
    version = ensure_cdk_diff(a.npm_dir)
    facts = mutate.Facts(a.schemas)
    todo = [t for t in ped.template_list(a) if t[2] is not None and None not in t[2].values()]
    kinds, agree, differ, skipped = Counter(), 0, 0, 0
    with tempfile.TemporaryDirectory(prefix="cfnlocal-cdkdiff-") as work:
        sides = []
        for name, path, values in todo:
            side, problem, m = cfnlocal_side(a, name, path, values, work, facts)
            if side is None:
                skipped += 1
                if a.verbose:
                    print("SKIP %s: %s" % (name, problem))
                continue
            sides.append((name, side, m))
        args = [x for _, side, _ in sides for x in side[:2]]
        env = dict(os.environ, NODE_PATH=os.path.join(a.npm_dir, "node_modules"))
        out = subprocess.run(["node", os.path.join(HERE, "cdk_diff.js"), *args], check=True,
                             capture_output=True, text=True, env=env).stdout.splitlines()
        for (name, side, m), line in zip(sides, out):
            cdk = json.loads(line)
            ours = side[2]
            rows = []
            for rid in sorted(set(ours) | set(cdk["impacts"])):
                o, c = ours.get(rid, "-"), cdk["impacts"].get(rid, "-")
                o_rep = o in ("True", "Conditional")
                c_rep = c in ("WILL_REPLACE", "MAY_REPLACE")
                if o_rep == c_rep and (not o_rep or (o == "True") == (c == "WILL_REPLACE")):
                    continue
                if o_rep and c_rep:
                    kind = "strength"
                elif c == "MAY_REPLACE":
                    kind = "cdk-only-conditional"
                elif c == "WILL_REPLACE":
                    kind = "cdk-only-will"
                else:
                    kind = "cfnlocal-only"
                kinds[kind] += 1
                rows.append("  %-22s %-40s cfnlocal %-12s cdk %s" % (kind, rid, o, c))
            if rows:
                differ += 1
                print("%s  [%s]" % (name, "; ".join(m.steps)))
                print("\n".join(rows))
            else:
                agree += 1
                if a.verbose:
                    print("same %s: replaced %s" % (name, sorted(r for r, v in ours.items() if v in ("True", "Conditional"))))
    print("@aws-cdk/cloudformation-diff %s: %d agree, %d differ, %d skipped (original does not deploy)"
          % (version, agree, differ, skipped))
    for kind, n in sorted(kinds.items()):
        print("  %s: %d resources" % (kind, n))


if __name__ == "__main__":
    main()
