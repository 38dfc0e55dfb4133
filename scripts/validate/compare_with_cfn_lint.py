#!/usr/bin/env python3
"""Runs cfn-lint and `cfnlocal validate` over a corpus of templates and compares their error
findings.

For each of cfn-lint's error findings, cfnlocal "also reports" it when it has an error in the same
file on a line within +-2. Printed per rule family (E0, E1, E2, E3, E6, E7, E8) and in total, over
all files and over templates only (files whose top level has Resources); then the errors cfnlocal
reports that cfn-lint does not, marked "clean" when cfn-lint reports no error at all for the file.

cfn-lint is slow (~30-50 s for the corpus), so its JSON output is cached under /tmp keyed by the
cfn-lint version and the files' sizes and mtimes; --refresh re-runs it.

  scripts/validate/compare_with_cfn_lint.py [--corpus DIR] [--cfnlocal BIN] [--verbose]
"""
import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def template_files(corpus):
    out = []
    for d, _, files in os.walk(corpus):
        for f in files:
            if f.endswith((".json", ".yaml", ".yml", ".template")):
                out.append(os.path.abspath(os.path.join(d, f)))
    return sorted(out)


def is_template(path):
    """Whether the file is a CloudFormation template: a mapping with a Resources key."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return False
    if path.endswith(".json"):
        try:
            doc = json.loads(text)
            return isinstance(doc, dict) and "Resources" in doc
        except ValueError:
            pass
    for line in text.splitlines():
        if line.startswith("Resources:") or line.startswith('"Resources"') or \
                line.strip().startswith('"Resources"'):
            return True
    return False


def run_cfn_lint(files, refresh):
    version = subprocess.run(["cfn-lint", "--version"], capture_output=True, text=True).stdout
    h = hashlib.sha256(version.encode())
    for f in files:
        st = os.stat(f)
        h.update(f"{f}:{st.st_size}:{int(st.st_mtime)}\n".encode())
    cache = os.path.join(tempfile.gettempdir(), f"cfnlocal-cfnlint-{h.hexdigest()[:16]}.json")
    if os.path.exists(cache) and not refresh:
        return json.load(open(cache)), cache
    # From an empty folder so that no .cfnlintrc changes what cfn-lint checks.
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.run(["cfn-lint", "--format", "json", "--"] + files, capture_output=True,
                           text=True, cwd=cwd)
    findings = json.loads(p.stdout or "[]")
    json.dump(findings, open(cache, "w"))
    return findings, cache


def run_cfnlocal(binary, files):
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.run([binary, "validate", "--format", "json", "--no-config"] + files,
                           capture_output=True, text=True, cwd=cwd)
    if p.returncode not in (0, 2, 4, 6, 8, 10, 12, 14):
        sys.stderr.write(p.stderr)
        sys.exit(f"cfnlocal validate failed with status {p.returncode}")
    return json.loads(p.stdout)


def family(rule):
    return rule[:2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus",
                                                     "cfn-templates"))
    ap.add_argument("--cfnlocal", default=os.path.join(ROOT, "build", "cfnlocal"))
    ap.add_argument("--refresh", action="store_true", help="re-run cfn-lint")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the missed findings")
    args = ap.parse_args()

    files = template_files(args.corpus)
    theirs, cache = run_cfn_lint(files, args.refresh)
    ours = run_cfnlocal(args.cfnlocal, files)
    templates = {f for f in files if is_template(f)}

    def errors(findings):
        by_file = collections.defaultdict(list)
        for x in findings:
            if x["Level"] == "Error":
                by_file[os.path.abspath(x["Filename"])].append(x)
        return by_file

    their_errors, our_errors = errors(theirs), errors(ours)

    def line(x):
        return x["Location"]["Start"]["LineNumber"]

    stats = {scope: collections.defaultdict(lambda: [0, 0]) for scope in ("all", "templates")}
    missed = []
    for f, xs in their_errors.items():
        for x in xs:
            hit = any(abs(line(y) - line(x)) <= 2 for y in our_errors.get(f, []))
            for scope in ("all", "templates"):
                if scope == "templates" and f not in templates:
                    continue
                for key in (family(x["Rule"]["Id"]), "total"):
                    stats[scope][key][0] += 1
                    stats[scope][key][1] += hit
            if not hit:
                missed.append((f, x))
    extra = []
    for f, ys in our_errors.items():
        for y in ys:
            if not any(abs(line(y) - line(x)) <= 2 for x in their_errors.get(f, [])):
                extra.append((f, y, f not in their_errors))

    rel = lambda f: os.path.relpath(f, args.corpus)
    print(f"corpus: {args.corpus} ({len(files)} files, {len(templates)} templates)")
    print(f"cfn-lint results: {cache}")
    for scope in ("all", "templates"):
        print(f"\ncfn-lint error findings also reported by cfnlocal ({scope} files):")
        for key in sorted(k for k in stats[scope] if k != "total") + ["total"]:
            n, hit = stats[scope][key]
            print(f"  {key:6} {hit:4}/{n:<4} {100.0 * hit / n if n else 100:5.1f}%")
    clean_extra = [e for e in extra if e[2]]
    print(f"\nerrors cfnlocal reports that cfn-lint does not: {len(extra)} "
          f"({len(clean_extra)} on files cfn-lint reports no error for)")
    for f, y, clean in extra:
        print(f"  {'CLEAN ' if clean else ''}{rel(f)}:{line(y)} {y['Rule']['Id']} "
              f"{y['Message'][:140]}")
    if args.verbose:
        print(f"\ncfn-lint error findings cfnlocal misses: {len(missed)}")
        for f, x in missed:
            print(f"  {rel(f)}:{line(x)} {x['Rule']['Id']} {x['Message'][:140]}")


if __name__ == "__main__":
    main()
