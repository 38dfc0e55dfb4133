#!/usr/bin/env python3
"""Benchmarks `cfnlocal validate` against cfn-lint.

1. The corpus: every template file under --corpus in ONE process, for each tool; the median of
   --runs runs (cfnlocal) and --cfn-lint-runs runs (cfn-lint), in the same session.
2. A generated template: 10 parameters (4 allowed values each), 40 conditions over them (equalities
   and And/Or/Not combinations), 200 resources whose properties nest Fn::If four deep. cfnlocal
   must answer the condition-aware checks (W1001, W1028) without enumerating the 2^40 scenarios.

  bench/validate/bench_validate.py [--cfnlocal BIN] [--corpus DIR] [--runs 5] [--cfn-lint-runs 3]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def files_of(corpus):
    out = []
    for d, _, files in os.walk(corpus):
        out += [os.path.join(d, f) for f in files if f.endswith((".json", ".yaml", ".yml"))]
    return sorted(out)


def timed(cmd, cwd, timeout=None):
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None
    return time.perf_counter() - start, p


def conditions_template(params=10, conditions=40, resources=200, depth=4):
    vals = ["a", "b", "c", "d"]
    t = ["AWSTemplateFormatVersion: '2010-09-09'", "Parameters:"]
    for p in range(params):
        t += [f"  P{p}:", "    Type: String", f"    AllowedValues: [{', '.join(vals)}]",
              "    Default: a"]
    t.append("Conditions:")
    for c in range(conditions):
        p, v = c % params, vals[(c // params) % 4]
        if c < conditions // 2:
            t.append(f"  C{c}: !Equals [!Ref P{p}, {v}]")
        elif c % 3 == 0:
            t.append(f"  C{c}: !And [!Condition C{c - 20}, !Not [!Condition C{(c + 3) % 20}]]")
        elif c % 3 == 1:
            t.append(f"  C{c}: !Or [!Condition C{c - 20}, !Equals [!Ref P{(c + 1) % params}, {v}]]")
        else:
            t.append(f"  C{c}: !Not [!Condition C{c - 20}]")
    t.append("Resources:")

    def nested(r, level):
        if level == depth:
            return f"'value-{r}-{level}'"
        c = (r * 7 + level * 11) % conditions
        return f"!If [C{c}, {nested(r, level + 1)}, {nested(r + 1, level + 1)}]"

    for r in range(resources):
        cond = f"    Condition: C{r % conditions}\n" if r % 2 == 0 else ""
        ref = f"      DisplayName: !GetAtt [T{r - 1}, TopicName]\n" if r % 2 == 1 else ""
        t.append(f"  T{r}:\n    Type: AWS::SNS::Topic\n{cond}    Properties:\n"
                 f"      TopicName: {nested(r, 0)}\n{ref}      Tags:\n"
                 f"        - Key: k\n          Value: {nested(r + 3, 0)}")
    t.append("Outputs:")
    for r in range(0, resources, 10):
        t.append(f"  O{r}:\n    Condition: C{r % conditions}\n    Value: !Ref T{r}")
    return "\n".join(t) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cfnlocal", default=os.path.join(ROOT, "build", "cfnlocal"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus",
                                                     "cfn-templates"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cfn-lint-runs", type=int, default=3)
    ap.add_argument("--cfn-lint-timeout", type=float, default=600)
    args = ap.parse_args()
    files = [os.path.abspath(f) for f in files_of(args.corpus)]
    with tempfile.TemporaryDirectory() as cwd:
        ours = [timed([args.cfnlocal, "validate", "--no-config", "--format", "json"] + files,
                      cwd)[0] for _ in range(args.runs)]
        theirs = [timed(["cfn-lint", "--format", "json", "--"] + files, cwd)[0]
                  for _ in range(args.cfn_lint_runs)]
        o, t = statistics.median(ours), statistics.median(theirs)
        print(f"corpus: {len(files)} files, one process each")
        print(f"  cfnlocal validate: median {o:.3f} s of {args.runs} ({', '.join(f'{x:.3f}' for x in ours)})")
        print(f"  cfn-lint:          median {t:.3f} s of {args.cfn_lint_runs} ({', '.join(f'{x:.2f}' for x in theirs)})")
        print(f"  speed-up: {t / o:.0f}x")

        gen = os.path.join(cwd, "conditions.yaml")
        open(gen, "w").write(conditions_template())
        runs = []
        p = None
        for _ in range(args.runs):
            secs, p = timed([args.cfnlocal, "validate", "--no-config", gen], cwd)
            runs.append(secs)
        findings = len(p.stdout.splitlines()) if p else 0
        print("generated: 10 parameters, 40 conditions, 200 resources, Fn::If nested 4 deep "
              f"({os.path.getsize(gen)} bytes)")
        print(f"  cfnlocal validate: median {statistics.median(runs):.3f} s ({findings} findings)")
        secs, _ = timed(["cfn-lint", gen], cwd, timeout=args.cfn_lint_timeout)
        print(f"  cfn-lint: {'%.1f s' % secs if secs else 'did not finish in %.0f s' % args.cfn_lint_timeout}")


if __name__ == "__main__":
    main()
