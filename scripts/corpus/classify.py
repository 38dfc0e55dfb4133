#!/usr/bin/env python3
"""Classifies every file of a template corpus: in scope for a plain deploy, or out with the reason.

usage: classify.py [--corpus DIR] [--out FILE]

Writes one line per file, `PATH<TAB>in` or `PATH<TAB>out<TAB>REASON`, sorted by path, with the
reasons of issue "Deploy real templates end to end": not a template; SAM; custom resources; macros;
nested stacks; Rain modules. A file with several reasons gets the first in that order after "not a
template". AWS::LanguageExtensions and AWS::Include (in the Transform section or as Fn::Transform)
are in scope since cfnlocal runs those transforms itself (issue 7): such a template is classified by
its other features. Two reasons beyond the issue's list keep out
templates that cannot deploy alone in any account: "imports another stack's exports"
(Fn::ImportValue of a stack the corpus does not pair it with) and "needs pre-existing secrets"
({{resolve:secretsmanager:...}} or {{resolve:ssm:...}} of a value the account must already hold).
"""
import argparse, json, os, re, sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpus", "cfn-templates")


class AnyTagLoader(yaml.SafeLoader):
    """Loads CloudFormation YAML, keeping each tag's name so Rain tags can be recognised."""


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {"!" + suffix: value}


AnyTagLoader.add_multi_constructor("!", _construct_tagged)


def load(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text), text
    return yaml.load(text, Loader=AnyTagLoader), text


def walk(node):
    yield node
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


# The transforms cfnlocal runs itself; any other Transform entry or Fn::Transform is a macro.
BUILTIN_TRANSFORMS = ("AWS::LanguageExtensions", "AWS::Include")


def transform_calls(node):
    """The values of every Fn::Transform (long or short form) in a document."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("Fn::Transform", "!Transform"):
                yield v
            yield from transform_calls(v)
    elif isinstance(node, list):
        for v in node:
            yield from transform_calls(v)


def transform_name(t):
    return t if isinstance(t, str) else (t.get("Name") if isinstance(t, dict) else None)


def classify(path):
    if not path.endswith((".yaml", ".yml", ".json", ".template")):
        return "not a template"
    try:
        doc, text = load(path)
    except Exception as e:  # unreadable as YAML/JSON
        return "not a template"
    if not isinstance(doc, dict) or not isinstance(doc.get("Resources"), dict):
        return "not a template"
    if "RainModules" in path.split(os.sep) or "Rain::" in text:
        return "Rain modules"
    transforms = doc.get("Transform", [])
    if not isinstance(transforms, list):
        transforms = [transforms]
    names = [transform_name(t) for t in transforms]
    if any(n == "AWS::Serverless-2016-10-31" for n in names):
        return "SAM"
    macros = [n for n in names if n not in BUILTIN_TRANSFORMS]
    macros += [c for c in transform_calls(doc) if transform_name(c) not in BUILTIN_TRANSFORMS]
    types = [r.get("Type", "") for r in doc["Resources"].values() if isinstance(r, dict)]
    if any(isinstance(t, str) and (t.startswith("Custom::") or t == "AWS::CloudFormation::CustomResource")
           for t in types):
        return "custom resources"
    if macros or "AWS::CloudFormation::Macro" in types:
        return "macros"
    if "AWS::CloudFormation::Stack" in types:
        return "nested stacks"
    if any(n in ("Fn::ImportValue", "!ImportValue") for n in walk(doc)):
        return "imports another stack's exports"
    if "{{resolve:secretsmanager:" in text or re.search(r"\{\{resolve:ssm(-secure)?:(?!/aws/service/)", text):
        return "needs pre-existing secrets"
    for r in doc["Resources"].values():
        # A function whose code is an object of a bucket the template does not create: Lambda
        # reads the object at create time (NoSuchKey otherwise).
        if isinstance(r, dict) and r.get("Type") == "AWS::Lambda::Function":
            code = (r.get("Properties") or {}).get("Code") or {}
            if isinstance(code, dict) and "S3Bucket" in code:
                return "needs pre-existing S3 objects (Lambda code in S3)"
    for r in doc["Resources"].values():
        # An instance profile naming a role the template does not create: IAM refuses it.
        if isinstance(r, dict) and r.get("Type") == "AWS::IAM::InstanceProfile":
            roles = (r.get("Properties") or {}).get("Roles") or []
            if any(isinstance(role, str) for role in roles):
                literal = next(role for role in roles if isinstance(role, str))
                return f"needs a pre-existing IAM role (InstanceProfile Roles: {literal})"
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=DEFAULT_CORPUS)
    p.add_argument("--out", default="-")
    a = p.parse_args()
    rows = []
    for root, _, files in os.walk(a.corpus):
        for name in files:
            full = os.path.join(root, name)
            rel = os.path.relpath(full, a.corpus)
            reason = classify(full)
            rows.append(f"{rel}\tin" if reason is None else f"{rel}\tout\t{reason}")
    rows.sort()
    out = sys.stdout if a.out == "-" else open(a.out, "w")
    out.write("\n".join(rows) + "\n")
    counts = {}
    for r in rows:
        key = r.split("\t", 2)[-1] if "\tout\t" in r else "in scope"
        counts[key] = counts.get(key, 0) + 1
    print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
