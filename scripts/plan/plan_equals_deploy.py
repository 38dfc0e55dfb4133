#!/usr/bin/env python3
"""Plan equals deploy: what a change set previews is exactly what executing it does.

usage: plan_equals_deploy.py [--cfnlocal BIN] [--schemas DIR] [--seed N] [--jobs N] [--only SUBSTR]
                             [--corpus DIR --classification FILE | --templates DIR [--pick FILE]...]
                             [--keep DIR] [--verbose]

Templates: every `in` template of scripts/corpus/classification.tsv in the corpus (parameter
values from scripts/corpus/parameter_values.py), or with --templates every template of a folder
that holds a parameters.json ({file: {name: value}}, as tests/engine/data/corpus does).

For each template (converted to long-form JSON, so original and mutation differ only by the
mutation): deploy it; mutate it (mutate.py: a createOnly literal, a mutable literal or a tag, a
resource added, an unreferenced one removed; deterministic for a seed); `plan --output json` and
`create-change-set` + `describe-change-set --output json` (the two must list the same Changes);
`execute-change-set`; then assert, from `describe-stack-events` and
`describe-resource-properties`:
  - the resources with events are exactly the planned ones, and each one's events are its action:
    Add -> CREATE_IN_PROGRESS, CREATE_COMPLETE; Modify -> UPDATE_IN_PROGRESS, UPDATE_COMPLETE
    (plus DELETE_* of the old physical ID when replaced); Remove -> DELETE_* (DELETE_SKIPPED with
    a Retain policy);
  - a physical ID changes if and only if Replacement is True; for Conditional either is accepted,
    as long as the events agree with it (a replacement has a cleanup DELETE of the old ID);
  - each planned resource's recorded properties equal its AfterContext, where
    {{changeSet:KNOWN_AFTER_APPLY}} (known only during the update) and **** (NoEcho) match any
    value, and every Static detail's AfterValue equals the recorded value at its Path;
  - a resource outside the plan keeps its physical ID and properties;
  - the mutation's intent shows in the plan: the createOnly change is Replacement True, the
    mutable one a Modify with Replacement False, the added an Add, the removed a Remove.
Prints one line per failure, then `N passed, M failed`; exit 0 when nothing failed.
"""
import argparse, json, os, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "corpus"))
sys.path.insert(0, HERE)
import classify  # noqa: E402
import mutate  # noqa: E402
from parameter_values import value_for  # noqa: E402

KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}"
MASKED = "****"
CAPS = ["--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]


def shared(rel):
    """A path under the shared folder beside the checkout (../shared), else /work/shared."""
    beside = os.path.join(ROOT, "..", "shared", rel)
    return beside if os.path.exists(beside) else os.path.join("/work/shared", rel)


class Failure(Exception):
    pass


class Skip(Exception):
    """The original template does not deploy (scripts/corpus/deploy_corpus.py fails it too): there
    is nothing to plan against."""


def template_list(a):
    """[(name, path, {parameter: value} or None with a reason)]"""
    out = []
    if a.templates:
        with open(os.path.join(a.templates, "parameters.json")) as f:
            params = json.load(f)
        for name in sorted(os.listdir(a.templates)):
            if name == "parameters.json" or not name.endswith((".json", ".yaml", ".yml", ".template")):
                continue
            if a.only in name and (not a.pick or name in a.pick):
                out.append((name, os.path.join(a.templates, name), params.get(name, {})))
        return out
    rows = [l.rstrip("\n").split("\t") for l in open(a.classification) if l.strip()]
    for rel in [r[0] for r in rows if r[1] == "in" and a.only in r[0]]:
        path = os.path.join(a.corpus, rel)
        doc, _ = classify.load(path)
        values = {}
        for name, decl in (doc.get("Parameters") or {}).items():
            if isinstance(decl, dict) and "Default" not in decl:
                values[name] = value_for(name, decl)
        out.append((rel, path, values))
    return out


def cli(binary, state, *args):
    p = subprocess.run([binary, *args, "--state", state, "--region", "us-east-1", "--output", "json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure("%s: %s" % (args[0], (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]))
    return json.loads(p.stdout) if p.stdout.strip() else {}


def matches(planned, recorded):
    """Planned (AfterContext) equals recorded, with placeholders matching anything."""
    if planned == KNOWN_AFTER_APPLY or planned == MASKED:
        return True
    if isinstance(planned, dict):
        return (isinstance(recorded, dict) and planned.keys() == recorded.keys()
                and all(matches(planned[k], recorded[k]) for k in planned))
    if isinstance(planned, list):
        return (isinstance(recorded, list) and len(planned) == len(recorded)
                and all(matches(p, r) for p, r in zip(planned, recorded)))
    return planned == recorded


def at_path(properties, path):
    """The value at a change detail's Path ("/Properties/A/0/B"), or KeyError."""
    parts = path.split("/")[2:]
    node = properties
    for p in parts:
        p = p.replace("~1", "/").replace("~0", "~")
        node = node[int(p)] if isinstance(node, list) else node[p]
    return node


def rendered(value):
    """A recorded value as a change set renders Before/AfterValue."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def properties_by_id(binary, state):
    out = {}
    for r in cli(binary, state, "describe-resource-properties", "--stack-name", "plan")["Resources"]:
        if r["ResourceStatus"] not in ("DELETE_COMPLETE", "DELETE_SKIPPED"):
            out[r["LogicalResourceId"]] = r
    return out


def check_one(a, facts, name, path, values, work):
    if values is None or any(v is None for v in values.values()):
        return name, "no parameter values fit", None
    seed = a.seed
    doc, _ = classify.load(path)
    original = mutate.long_form(doc)
    m = mutate.mutate(original, facts, seed)
    base = os.path.join(work, name.replace("/", "_"))
    with open(base + ".orig.json", "w") as f:
        json.dump(original, f, indent=1)
    with open(base + ".new.json", "w") as f:
        json.dump(m.doc, f, indent=1)
    state = base + ".db"
    overrides = ["%s=%s" % kv for kv in sorted(values.items())]
    params = ["--parameter-overrides", *overrides] if overrides else []
    summary = "; ".join(m.steps)
    try:
        try:
            created = cli(a.cfnlocal, state, "deploy", "--stack-name", "plan", "--template-file",
                          base + ".orig.json", *CAPS, *params)
        except Failure as e:
            raise Skip(str(e))
        before = properties_by_id(a.cfnlocal, state)
        planned = cli(a.cfnlocal, state, "plan", "--stack-name", "plan", "--template-file",
                      base + ".new.json", *CAPS, *params)
        cli(a.cfnlocal, state, "create-change-set", "--stack-name", "plan", "--template-file",
            base + ".new.json", "--change-set-name", "mutation", *CAPS, *params)
        stored = cli(a.cfnlocal, state, "describe-change-set", "--stack-name", "plan",
                     "--change-set-name", "mutation")
        if stored["Status"] != "CREATE_COMPLETE":
            raise Failure("change set %s: %s" % (stored["Status"], stored.get("StatusReason", "")))
        if planned["Changes"] != stored["Changes"]:
            raise Failure("plan and create-change-set list different changes")
        old_events = {e["EventId"] for e in
                      cli(a.cfnlocal, state, "describe-stack-events", "--stack-name", "plan")["StackEvents"]}
        executed = cli(a.cfnlocal, state, "execute-change-set", "--stack-name", "plan",
                       "--change-set-name", "mutation")
        status = executed["Stacks"][0]["StackStatus"]
        if status != "UPDATE_COMPLETE":
            raise Failure("execute ended %s: %s" % (status, executed["Stacks"][0].get("StackStatusReason", "")))
        events = [e for e in cli(a.cfnlocal, state, "describe-stack-events", "--stack-name", "plan")["StackEvents"]
                  if e["EventId"] not in old_events and e["ResourceType"] != "AWS::CloudFormation::Stack"]
        events.reverse()  # oldest first
        after = properties_by_id(a.cfnlocal, state)
        problems = compare(stored["Changes"], events, before, after, m)
        if problems:
            raise Failure(" | ".join(problems))
    except Skip as e:
        return name, "SKIP", str(e)
    except Failure as e:
        return name, "%s [%s]" % (e, summary), stored_changes_brief(locals())
    except (KeyError, IndexError, ValueError) as e:
        return name, "unexpected output: %r [%s]" % (e, summary), None
    return name, None, summary + "\n     planned: " + (stored_changes_brief(locals()) or "")


def stored_changes_brief(scope):
    stored = scope.get("stored")
    if not stored:
        return None
    return ", ".join("%s %s%s" % (c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"],
                                  " R=" + c["ResourceChange"]["Replacement"] if "Replacement" in c["ResourceChange"] else "")
                     for c in stored["Changes"])


def compare(changes, events, before, after, m):
    problems = []
    by_id = {}
    for e in events:
        by_id.setdefault(e["LogicalResourceId"], []).append(e)
    planned = {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"] for c in changes}
    for rid in sorted(set(by_id) - set(planned)):
        problems.append("%s: not planned but has events %s" % (rid, [e["ResourceStatus"] for e in by_id[rid]]))
    for rid, rc in planned.items():
        statuses = [e["ResourceStatus"] for e in by_id.get(rid, [])]
        action = rc["Action"]
        old_pid = before.get(rid, {}).get("PhysicalResourceId")
        new_pid = after.get(rid, {}).get("PhysicalResourceId")
        if action == "Add":
            if statuses != ["CREATE_IN_PROGRESS", "CREATE_COMPLETE"]:
                problems.append("%s: Add but events %s" % (rid, statuses))
            if rid not in after:
                problems.append("%s: Add but not recorded" % rid)
        elif action == "Remove":
            if statuses not in (["DELETE_IN_PROGRESS", "DELETE_COMPLETE"], ["DELETE_SKIPPED"]):
                problems.append("%s: Remove but events %s" % (rid, statuses))
            if rid in after:
                problems.append("%s: Remove but still recorded" % rid)
        elif action == "Modify":
            replaced = new_pid != old_pid
            replacement = rc.get("Replacement")
            in_place = ["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]
            replace_events = (in_place + ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"], in_place + ["DELETE_SKIPPED"],
                              ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"] + in_place)  # delete_then_create
            if replacement == "True" and not replaced:
                problems.append("%s: Replacement True but physical ID kept" % rid)
            if replacement == "False" and replaced:
                problems.append("%s: Replacement False but physical ID changed" % rid)
            if replaced and statuses not in replace_events:
                problems.append("%s: replaced but events %s" % (rid, statuses))
            if not replaced and statuses != in_place:
                # Accepted: a Modify whose every detail is Dynamic may turn out to change nothing
                # once the new values are known (the cascade's Ref resolved to the same value).
                dynamic_only = all(d.get("Evaluation") == "Dynamic" for d in rc.get("Details", []))
                if not (statuses == [] and dynamic_only):
                    problems.append("%s: Modify in place but events %s" % (rid, statuses))
        else:
            problems.append("%s: unexpected action %s" % (rid, action))
        if action in ("Add", "Modify") and rid in after and "AfterContext" in rc:
            want = json.loads(rc["AfterContext"]).get("Properties", {})
            got = after[rid].get("Properties", {})
            if not matches(want, got):
                problems.append("%s: recorded properties %s differ from AfterContext %s" % (
                    rid, json.dumps(got, sort_keys=True)[:300], json.dumps(want, sort_keys=True)[:300]))
            for d in rc.get("Details", []):
                t = d["Target"]
                if d.get("Evaluation") != "Static" or t.get("Attribute") not in ("Properties", "Tags"):
                    continue
                if "AfterValue" not in t or t["AfterValue"] in (MASKED,) or KNOWN_AFTER_APPLY in t["AfterValue"]:
                    continue
                try:
                    value = at_path(got, t["Path"])
                except (KeyError, IndexError, ValueError, TypeError):
                    problems.append("%s: nothing recorded at %s (AfterValue %s)" % (rid, t["Path"], t["AfterValue"]))
                    continue
                if rendered(value) != t["AfterValue"]:
                    problems.append("%s: %s recorded %s, AfterValue %s" % (rid, t["Path"], rendered(value), t["AfterValue"]))
    for rid in sorted(set(before) - set(planned)):
        if rid not in after:
            problems.append("%s: not planned but gone" % rid)
        elif after[rid].get("PhysicalResourceId") != before[rid].get("PhysicalResourceId"):
            problems.append("%s: not planned but physical ID changed" % rid)
        elif after[rid].get("Properties") != before[rid].get("Properties"):
            problems.append("%s: not planned but properties changed" % rid)
    # The mutation's intent.
    for rid in m.expect_replaced:
        if planned.get(rid, {}).get("Replacement") != "True":
            problems.append("%s: createOnly change planned as %s" % (rid, planned.get(rid, {}).get("Replacement", "no change")))
    for rid in m.expect_modified:
        if planned.get(rid, {}).get("Action") != "Modify":
            problems.append("%s: mutable change not planned as Modify" % rid)
        elif planned[rid].get("Replacement") == "True" and not any(
                d.get("ChangeSource") != "DirectModification" for d in planned[rid].get("Details", [])):
            problems.append("%s: mutable change planned as a replacement" % rid)
    for rid in m.added:
        if planned.get(rid, {}).get("Action") != "Add":
            problems.append("%s: added resource not planned as Add" % rid)
    for rid in m.removed:
        if planned.get(rid, {}).get("Action") != "Remove":
            problems.append("%s: removed resource not planned as Remove" % rid)
    return problems


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cfnlocal", default=os.path.join(ROOT, "build", "cfnlocal"))
    p.add_argument("--schemas", default=shared("schemas/us-east-1"))
    p.add_argument("--corpus", default=shared("corpus/cfn-templates"))
    p.add_argument("--classification", default=os.path.join(ROOT, "scripts", "corpus", "classification.tsv"))
    p.add_argument("--templates", default="")
    p.add_argument("--only", default="")
    p.add_argument("--pick", action="append", default=[], help="with --templates: only this file (repeatable)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--keep", default="", help="keep templates and state files here")
    p.add_argument("--verbose", action="store_true")
    a = p.parse_args()
    facts = mutate.Facts(a.schemas)
    todo = template_list(a)
    with tempfile.TemporaryDirectory(prefix="cfnlocal-plan-") as tmp:
        work = a.keep or tmp
        os.makedirs(work, exist_ok=True)
        with ThreadPoolExecutor(a.jobs) as pool:
            results = list(pool.map(lambda t: check_one(a, facts, t[0], t[1], t[2], work), todo))
    skipped = [(n, extra) for n, why, extra in results if why == "SKIP"]
    failed = [(n, why, extra) for n, why, extra in results if why and why != "SKIP"]
    for n, extra in skipped:
        print("SKIP %s: the original does not deploy: %s" % (n, extra))
    for n, why, extra in failed:
        print("FAIL %s: %s%s" % (n, why, "\n     planned: " + extra if extra and a.verbose else ""))
    if a.verbose:
        for n, why, extra in results:
            if not why:
                print("ok   %s: %s" % (n, extra))
    print("%d passed, %d failed" % (len(results) - len(failed) - len(skipped), len(failed))
          + (", %d skipped" % len(skipped) if skipped else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
