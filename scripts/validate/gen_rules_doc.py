#!/usr/bin/env python3
"""Writes docs/rules.md from the rule definitions in validate/rules/*.cc and the triggering
examples in tests/validate/data/rules/<ID>_bad.yaml. Run from the repository root."""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rule_re = re.compile(
    r'extern const Rule k\w+\{\s*"(\w+)",\s*Severity::(\w+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+),',
    re.S)


def joined(literals):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literals)).replace('\\"', '"')


rules = []
for path in sorted(glob.glob(os.path.join(ROOT, "validate/rules/*.cc"))):
    text = open(path).read()
    for m in rule_re.finditer(text):
        rules.append((m.group(1), m.group(2), joined(m.group(3)), joined(m.group(4)),
                      os.path.relpath(path, ROOT)))
rules.sort()

families = [("E0", "Template parsing"), ("E1", "Template and intrinsic functions"),
            ("E2", "Parameters and Lambda runtimes"), ("E3", "Resources"), ("E6", "Outputs"),
            ("E7", "Mappings"), ("E8", "Conditions"), ("W", "Warnings"), ("I", "Informational")]
out = ["# cfnlocal validate: rules", "",
       "Rule ids follow cfn-lint's numbering for the same check, so `ignore_checks` lists carry",
       "over (E0xxx parsing, E1xxx template and functions, E2xxx parameters, E3xxx resources,",
       "E6xxx outputs, E7xxx mappings, E8xxx conditions, W warnings). Ids cfn-lint does not have",
       "are marked *(cfnlocal)*. Suppress a rule with `--ignore ID` (or a prefix: `--ignore W3`),",
       "`ignore_checks` in `.cfnlintrc`, or in the template:",
       "",
       "```yaml",
       "Metadata:",
       "  cfn-lint:",
       "    config:",
       "      ignore_checks: [W3005]",
       "```",
       "",
       "(the same under a resource's `Metadata` applies to that resource only).",
       "",
       "Besides the rules below: **E0000** the file cannot be parsed (YAML/JSON syntax, duplicate",
       "keys, unknown tags), **E0001** the SAM transform rejects the template, **E0002** a rule",
       "failed internally (please report it).",
       "",
       "Exit status: bit 2 for any error, 4 for any warning, 8 for any informational finding.",
       ""]
cfn_lint_only_ids = {"E1099", "E6012"}
for prefix, name in families:
    mine = [r for r in rules if r[0].startswith(prefix)]
    if not mine:
        continue
    out.append(f"## {name} ({prefix}xxx)" if prefix != "W" and prefix != "I" else f"## {name}")
    out.append("")
    out.append("| id | severity | title |")
    out.append("| --- | --- | --- |")
    for rid, sev, title, desc, src in mine:
        out.append(f"| [{rid}](#{rid.lower()}) | {sev.lower()} | {title} |")
    out.append("")
for rid, sev, title, desc, src in rules:
    mark = " *(cfnlocal)*" if rid in cfn_lint_only_ids else ""
    out.append(f"## {rid} {title}{mark}")
    out.append("")
    out.append(f"Severity: {sev.lower()}. Source: `{src}`.")
    out.append("")
    out.append(desc)
    out.append("")
    bad = os.path.join(ROOT, "tests/validate/data/rules", rid + "_bad.yaml")
    if os.path.exists(bad) and os.path.getsize(bad) < 1500:
        out.append("Triggers it:")
        out.append("")
        out.append("```yaml")
        out.append(open(bad).read().rstrip())
        out.append("```")
        out.append("")
open(os.path.join(ROOT, "docs/rules.md"), "w").write("\n".join(out))
print(len(rules), "rules")
