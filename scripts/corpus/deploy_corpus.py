#!/usr/bin/env python3
"""Deploys every in-scope template of the corpus classification and deletes it again.

usage: deploy_corpus.py [--cfnlocal BIN] [--corpus DIR] [--classification FILE] [--only SUBSTR]
                        [--jobs N] [--keep-state DIR]

For each template classified `in` (classification.tsv beside this script), runs
`cfnlocal deploy` with values for parameters that have no Default (parameter_values.py), expects
CREATE_COMPLETE, then `cfnlocal delete-stack` and expects DELETE_COMPLETE. Each template gets its
own state file. Prints one line per failure with the reason, then `N passed, M failed`.
Exit 0 when nothing failed.
"""
import argparse, json, os, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classify
from parameter_values import value_for

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def parameters_of(path):
    doc, _ = classify.load(path)
    params = doc.get("Parameters") or {}
    out = []
    for name, decl in params.items():
        if not isinstance(decl, dict) or "Default" in decl:
            continue
        value = value_for(name, decl)
        if value is None:
            return None, f"no value fits parameter {name}"
        out.append(f"{name}={value}")
    return out, None


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def deploy_one(binary, corpus, rel, state_dir):
    path = os.path.join(corpus, rel)
    overrides, problem = parameters_of(path)
    if problem:
        return rel, problem
    state = os.path.join(state_dir, rel.replace("/", "_") + ".db")
    common = ["--state", state, "--region", "us-east-1", "--output", "json"]
    cmd = [binary, "deploy", "--stack-name", "corpus", "--template-file", path,
           "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"] + common
    if overrides:
        cmd += ["--parameter-overrides"] + overrides
    rc, out, err = run(cmd)
    if rc != 0:
        return rel, "deploy: " + (err.strip().splitlines() or ["exit %d" % rc])[-1]
    try:
        status = json.loads(out)["Stacks"][0]["StackStatus"]
    except Exception:
        return rel, "deploy printed no stack"
    if status != "CREATE_COMPLETE":
        return rel, "deploy ended " + status
    rc, out, err = run([binary, "delete-stack", "--stack-name", "corpus"] + common)
    if rc != 0:
        return rel, "delete: " + (err.strip().splitlines() or ["exit %d" % rc])[-1]
    rc, out, err = run([binary, "list-stacks"] + common)
    summaries = json.loads(out).get("StackSummaries", []) if rc == 0 else []
    if not summaries or summaries[0]["StackStatus"] != "DELETE_COMPLETE":
        return rel, "delete did not reach DELETE_COMPLETE"
    return rel, None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cfnlocal", default=os.path.join(ROOT, "build", "cfnlocal"))
    p.add_argument("--corpus", default=classify.DEFAULT_CORPUS)
    p.add_argument("--classification", default=os.path.join(HERE, "classification.tsv"))
    p.add_argument("--only", default="")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = p.parse_args()
    rows = [l.rstrip("\n").split("\t") for l in open(a.classification) if l.strip()]
    todo = [r[0] for r in rows if r[1] == "in" and a.only in r[0]]
    with tempfile.TemporaryDirectory(prefix="cfnlocal-corpus-") as state_dir:
        with ThreadPoolExecutor(a.jobs) as pool:
            results = list(pool.map(lambda rel: deploy_one(a.cfnlocal, a.corpus, rel, state_dir), todo))
    failed = [(rel, why) for rel, why in results if why]
    for rel, why in failed:
        print(f"FAIL {rel}: {why}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
