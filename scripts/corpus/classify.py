#!/usr/bin/env python3
"""Classifies every file of a template corpus: in scope for a plain deploy, or out with the reason.

usage: classify.py [--corpus DIR] [--out FILE]

Writes one line per file, `PATH<TAB>in` or `PATH<TAB>out<TAB>REASON`, sorted by path, with the
reasons of issue "Deploy real templates end to end": not a template; SAM; custom resources; macros;
nested stacks; Rain modules. A file with several reasons gets the first in that order after "not a
template". AWS::LanguageExtensions and AWS::Include (in the Transform section or as Fn::Transform)
are in scope since cfnlocal runs those transforms itself (issue 7): such a template is classified by
its other features. Templates with custom resources or macros, and SAM templates, are in scope when the code behind
them can run locally (issue 7: cfnlocal runs the Lambda code, whose AWS calls reach the embedded
services through its HTTP front): the functions' Python code (inline, a local CodeUri folder, or a
file `!Rain::Embed` names) calls only services cfnlocal embeds (EMBEDDED_SERVICES) and fetches
nothing from the internet; a macro's definition stack and an imported export's stack are the
paired stacks of PAIRED_STACKS (deployed first by deploy_corpus.py), whose code counts too.
Otherwise they stay out as "custom resources: WHY", "macros: WHY" or "SAM: WHY". Rain's
`!Rain::Embed FILE` alone (the file's text as a string, which deploy_corpus.py inlines as
`rain pkg` does) does not make a template a Rain module. Reasons beyond the issue's list keep out
templates that cannot deploy alone in any account: "imports another stack's exports"
(Fn::ImportValue of a stack the corpus does not pair it with), "needs pre-existing secrets"
({{resolve:ssm:...}} of a value the account must already hold); and "AWS refuses it: WHY"
(AWS_REFUSES) for templates that fail on AWS itself. What a template's README asks its user to
create by hand first is created by deploy_corpus.py (account_setup): the secrets its
{{resolve:secretsmanager:NAME:SecretString:KEY}} references name, the IAM roles its instance
profiles name; an export no corpus template makes comes from a stack of fixtures/ paired with it.
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


# The services the embedded backend serves (services/embedded_backend.h), by boto3's client name.
EMBEDDED_SERVICES = {"s3", "ssm", "secretsmanager", "sqs", "sns", "iam", "logs", "lambda", "dynamodb",
                     "kms", "events", "kinesis", "stepfunctions", "sts", "cloudcontrol", "ec2",
                     "cloudwatch", "codecommit", "cloudformation", "route53", "elbv2", "acm", "iot",
                     "greengrass"}

# Stacks a template needs deployed first (deploy_corpus.py deploys them as prerequisite0, 1, ...):
# a macro's definition, or the stack whose export it imports. Corpus path -> [corpus paths, or
# fixtures/NAME.yaml beside this script]; PAIRED_PARAMETERS gives the values naming those stacks
# ("prerequisite0") or what they made ("prerequisite0.Outputs.KEY").
PAIRED_STACKS = {}
PAIRED_PARAMETERS = {}
for _example, _definition in [("Count/test", "Count/template"), ("Explode/test", "Explode/macro"),
                              ("DateFunctions/date_example", "DateFunctions/date"),
                              ("DatetimeNow/datetimenow_example", "DatetimeNow/datetimenow"),
                              ("StringFunctions/string_example", "StringFunctions/string"),
                              ("PyPlate/python_example", "PyPlate/python"),
                              ("S3Objects/example", "S3Objects/macro"), ("Boto3/example", "Boto3/macro"),
                              ("ExecutionRoleBuilder/example", "ExecutionRoleBuilder/macro"),
                              ("StackMetrics/example", "StackMetrics/macro")]:
    for _ext in ("yaml", "json"):
        PAIRED_STACKS[f"CloudFormation/MacrosExamples/{_example}.{_ext}"] = [
            f"CloudFormation/MacrosExamples/{_definition}.yaml"]
PAIRED_STACKS["CloudFormation/CustomResources/getfromjson/example-templates/getfromjson-consumer.yml"] = [
    "CloudFormation/CustomResources/getfromjson/src/getfromjson.yml"]
# Export consumers and the stack whose exports they import (its name is a parameter).
for _consumer, _exporter, _parameter in [
        ("ECS/EC2LaunchType/services/private-service", "ECS/EC2LaunchType/clusters/private-vpc", "StackName"),
        ("ECS/EC2LaunchType/services/public-service", "ECS/EC2LaunchType/clusters/public-vpc", "StackName"),
        ("ECS/FargateLaunchType/services/private-subnet-private-service",
         "ECS/FargateLaunchType/clusters/private-vpc", "StackName"),
        ("ECS/FargateLaunchType/services/private-subnet-public-service",
         "ECS/FargateLaunchType/clusters/private-vpc", "StackName"),
        ("ECS/FargateLaunchType/services/public-service", "ECS/FargateLaunchType/clusters/public-vpc", "StackName"),
        ("ServiceCatalog/Product", "ServiceCatalog/Portfolio", "ServiceCatalogPortfolioStackName"),
        ("Solutions/CodeBuildAndCodePipeline/cloudformation-codepipeline-template",
         "Solutions/CodeBuildAndCodePipeline/cloudformation-codebuild-template", "CodeBuildStack")]:
    for _ext in ("yaml", "json"):
        PAIRED_STACKS[f"{_consumer}.{_ext}"] = [f"{_exporter}.{_ext}"]
        PAIRED_PARAMETERS[f"{_consumer}.{_ext}"] = {_parameter: "prerequisite0"}
# The Accepter side of a VPC peering tags the Requester's connection, and the updates route
# through it: a fixture makes one.
for _ext in ("yaml", "json"):
    for _side in ("Accepter-Tag", "Updates"):
        _rel = f"Solutions/VPCPeering/templates/VPCPeering-{_side}.cfn.{_ext}"
        PAIRED_STACKS[_rel] = ["fixtures/vpc-peering.yaml"]
        PAIRED_PARAMETERS[_rel] = {"VPCPeeringConnectionId": "prerequisite0.Outputs.PeeringConnectionId"}
# Neptune's README has the user deploy "a VPC stack" exporting STACK-VPCID first; no corpus
# template exports that name, so a fixture stack does.
for _ext in ("yaml", "json"):
    PAIRED_STACKS[f"NeptuneDB/Neptune.{_ext}"] = ["fixtures/vpc-export.yaml"]
    # An empty NeptuneSNSTopicArn (documented "Optional") has the template create its topic.
    PAIRED_PARAMETERS[f"NeptuneDB/Neptune.{_ext}"] = {"VPCStack": "prerequisite0", "NeptuneSNSTopicArn": ""}


def stack_path(corpus, rel):
    """The file of a paired stack: a corpus path, or fixtures/NAME beside this script."""
    return os.path.join(HERE, rel) if rel.startswith("fixtures/") else os.path.join(corpus, rel)


# {{resolve:secretsmanager:SECRET-ID[:SecretString[:JSON-KEY[:...]]]}}
SECRET_REFERENCE = re.compile(r"\{\{resolve:secretsmanager:([^:}]+)(?::SecretString:([^:}]*))?")


def _literal_properties(doc, resource_type, name):
    """The literal string values of property `name` of the template's resources of a type."""
    values = set()
    for r in (doc.get("Resources") or {}).values():
        if isinstance(r, dict) and r.get("Type") == resource_type:
            value = (r.get("Properties") or {}).get(name)
            if isinstance(value, str):
                values.add(value)
    return values


def account_secrets(doc, text):
    """[(secret name, JSON key or None)] the template's dynamic references read from secrets it
    does not create itself (a reference built with ${...} names one of its own resources)."""
    created = _literal_properties(doc, "AWS::SecretsManager::Secret", "Name")
    found = []
    for name, key in SECRET_REFERENCE.findall(text):
        if "${" not in name and name not in created and (name, key or None) not in found:
            found.append((name, key or None))
    return found


def account_roles(doc):
    """Role names the template's instance profiles list as literals without creating them."""
    created = _literal_properties(doc, "AWS::IAM::Role", "RoleName")
    names = []
    for r in (doc.get("Resources") or {}).values():
        if isinstance(r, dict) and r.get("Type") == "AWS::IAM::InstanceProfile":
            for role in (r.get("Properties") or {}).get("Roles") or []:
                if isinstance(role, str) and role not in created and role not in names:
                    names.append(role)
    return names

# Nested-stack templates whose child templates deploy_corpus.py stages in the local S3 store
# (its PREREQUISITES), with the verdict a deploy gave: None (in scope) or why they stay out.
NESTED_STACKS = {}
for _ext in ("yaml", "json"):
    NESTED_STACKS[f"Solutions/VPCFlowLogs/templates/VPCFlowLogs-main.cfn.{_ext}"] = None
    NESTED_STACKS[f"Solutions/VPCPeering/templates/VPCPeering-Requester.main.cfn.{_ext}"] = None
    NESTED_STACKS[f"Solutions/VPCPeering/templates/VPCPeering-Accepter.main.cfn.{_ext}"] = (
        "nested template lacks a parameter the parent passes (LambdaRoleName; AWS refuses it too)")

# Id prefixes of resources the embedded services cannot hold before a deploy: a template taking
# such an id as a parameter needs one that already exists.
PREEXISTING_ID_PREFIXES = {"pcx-": "VPC peering connection"}

# Templates AWS itself refuses, whatever the account holds (checked against the resource
# documentation; cfnlocal refuses them with the same schema error).
AWS_REFUSES = {}
# The JSON twin's rule lost the YAML's !ValueOf: it compares the literal list
# ["Subnets", "VpcId"] with the VPC id, so its assertion fails whatever the parameters.
for _ext in ("yaml", "json"):
    AWS_REFUSES[f"IoT/amzn2-greengrass-cfn-pkg.{_ext}"] = (
        "AWS refuses it: its inline reset function reads os.env[\"AWS_REGION\"] (os has no env; "
        "os.environ) at import, so every invocation fails and GroupDeploymentReset never answers")
for _name in ("SapPrivateLink", "SapPrivateLinkNoHostedZone"):
    AWS_REFUSES[f"AWSSupplyChain/SapPrivateLink/{_name}.json"] = (
        "AWS refuses it: its rule SubnetsInVPC asserts Fn::EachMemberEquals of the literal list "
        "[Subnets, VpcId] (not Fn::ValueOf) against the VPC id, which always fails: \"All subnets "
        "must in the VPC\"")
for _ext in ("json", "yaml"):
    AWS_REFUSES[f"ECS/ECS_Schedule_Example.{_ext}"] = (
        "AWS refuses it: the log group's KmsKeyId is a Ref of a KMS key (its key id), where "
        "CloudWatch Logs takes only a key ARN")
    AWS_REFUSES[f"Solutions/EC2DomainJoin/EC2-Domain-Join.{_ext}"] = (
        "AWS refuses it when the instance profile goes first: it names the template's role by a "
        "literal RoleName (no Ref, no DependsOn), so nothing orders the role before it and IAM "
        "answers NoSuchEntity")
    AWS_REFUSES[f"ElastiCache/Elasticache-snapshot.{_ext}"] = (
        "AWS refuses it: the Lambda role's policy names a Ref of the replication group (its id, "
        "not an ARN) as Resource, which IAM rejects as MalformedPolicyDocument; its nodejs20.x code "
        "also requires aws-sdk (v2), which Node.js 18+ runtimes no longer include")

CLIENT_CALL = re.compile(r"""\b(?:boto3|session|Session\(\))\.(?:client|resource)\(\s*(?:service_name\s*=\s*)?(['"]?)([\w.-]*)""")
NODE_SDK = re.compile(r"""require\(\s*['"](?:aws-sdk|@aws-sdk/[\w-]+)['"]|from\s+['"]@aws-sdk/""")
INTERNET = re.compile(r"urllib\.request\.urlopen|urlopen\(|requests\.(?:get|post)\(")


def _strings(node):
    """The literal text of a value: strings, and the string pieces of Fn::Join / Fn::Sub."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)


def function_code(path, doc):
    """The source of every Lambda function a template defines: inline code, a local CodeUri
    folder's .py and .js files (tests aside), the file Rain::Embed names."""
    folder = os.path.dirname(path)
    sources = []

    def read_file(full):
        with open(full, encoding="utf-8", errors="replace") as f:
            sources.append(f.read())

    def read_folder(rel):
        root = os.path.normpath(os.path.join(folder, rel))
        if os.path.isfile(root):
            return read_file(root)
        for base, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in ("tests", "test", "node_modules")]
            for name in files:
                if name.endswith((".py", ".js", ".mjs")):
                    read_file(os.path.join(base, name))

    for r in (doc.get("Resources") or {}).values():
        if not isinstance(r, dict) or r.get("Type") not in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
            continue
        props = r.get("Properties") or {}
        code = props.get("Code") if r["Type"] == "AWS::Lambda::Function" else props.get("InlineCode")
        uri = props.get("CodeUri") if r["Type"] == "AWS::Serverless::Function" else None
        if isinstance(code, dict) and "ZipFile" in code:
            code = code["ZipFile"]
        if isinstance(code, dict) and len(code) == 1 and next(iter(code)) in ("!Rain::Embed", "Rain::Embed"):
            read_folder(next(iter(code.values())))
        elif isinstance(code, (str, list, dict)) and not (isinstance(code, dict) and "S3Bucket" in code):
            sources.append("\n".join(_strings(code)))
        if isinstance(uri, str) and not uri.startswith("s3://"):
            read_folder(uri)
    return sources


# A resource type naming the client and operation its code calls ("Boto3::CodeCommit.put_file":
# the Boto3 macro turns it into boto3.client("codecommit").put_file(...)).
CLIENT_OPERATION_TYPE = re.compile(r"^[A-Za-z0-9]+::([A-Za-z0-9]+)\.[a-z_]+$")


def chosen_clients(corpus, rel, doc):
    """The clients code that picks them at run time gets from resource types: those of the
    template, of the stacks paired with it, and of the templates pairing it as their definition."""
    docs = [doc]
    for paired in PAIRED_STACKS.get(rel, []):
        docs.append(load(stack_path(corpus, paired))[0])
    for example, definitions in PAIRED_STACKS.items():
        # A definition's JSON twin defines the same macro.
        twin = rel[:-5] + ".yaml" if rel.endswith(".json") else rel
        if (rel in definitions or twin in definitions) and os.path.exists(os.path.join(corpus, example)):
            docs.append(load(os.path.join(corpus, example))[0])
    names = set()
    for d in docs:
        for r in ((d or {}).get("Resources") or {}).values():
            m = CLIENT_OPERATION_TYPE.match(r.get("Type", "")) if isinstance(r, dict) else None
            if m:
                names.add(m.group(1).lower())
    return names


def code_problem(corpus, rel, doc):
    """Why the code behind a template's custom resources or macros cannot run locally, or None."""
    path = os.path.join(corpus, rel)
    sources = function_code(path, doc)
    for paired in PAIRED_STACKS.get(rel, []):
        pdoc, _ = load(stack_path(corpus, paired))
        sources += function_code(stack_path(corpus, paired), pdoc)
    if not sources:
        return "its Lambda code is neither in the template nor in a local folder"
    foreign, dynamic = set(), False
    for text in sources:
        for quote, name in CLIENT_CALL.findall(text):
            if not quote:
                dynamic = True
            elif name.lower() not in EMBEDDED_SERVICES:
                foreign.add(name.lower())
    if foreign:
        return "its code calls " + ", ".join(sorted(foreign)) + ", which cfnlocal does not embed"
    if any(NODE_SDK.search(t) for t in sources):
        return "its Node.js code uses the AWS SDK for JavaScript, which local functions lack"
    if dynamic:
        chosen = chosen_clients(corpus, rel, doc)
        if not chosen:
            return "its code calls AWS services it chooses at run time"
        foreign = chosen - EMBEDDED_SERVICES
        if foreign:
            return "its code calls " + ", ".join(sorted(foreign)) + ", which cfnlocal does not embed"
    if any(INTERNET.search(t) for t in sources):
        return "its code downloads from the internet"
    return None


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


def classify(path, corpus=None):
    rel = os.path.relpath(path, corpus) if corpus else path
    if not path.endswith((".yaml", ".yml", ".json", ".template")):
        return "not a template"
    try:
        doc, text = load(path)
    except Exception as e:  # unreadable as YAML/JSON
        return "not a template"
    if not isinstance(doc, dict) or not isinstance(doc.get("Resources"), dict):
        return "not a template"
    if "RainModules" in path.split(os.sep) or re.search(r"Rain::(?!Embed\b)", text):
        return "Rain modules"
    # Only Rain::Embed: in scope where it inlines the code of a macro or custom resource
    # (deploy_corpus.py inlines it, as `rain pkg` does).
    rain_embed = "Rain::Embed" in text
    transforms = doc.get("Transform", [])
    if not isinstance(transforms, list):
        transforms = [transforms]
    names = [transform_name(t) for t in transforms]
    macros = [n for n in names if n not in BUILTIN_TRANSFORMS and n != "AWS::Serverless-2016-10-31"]
    macros += [c for c in transform_calls(doc) if transform_name(c) not in BUILTIN_TRANSFORMS]
    types = [r.get("Type", "") for r in doc["Resources"].values() if isinstance(r, dict)]
    features = []
    if any(n == "AWS::Serverless-2016-10-31" for n in names):
        features.append("SAM")
    if any(isinstance(t, str) and (t.startswith("Custom::") or t == "AWS::CloudFormation::CustomResource")
           for t in types):
        features.append("custom resources")
    if macros or "AWS::CloudFormation::Macro" in types:
        features.append("macros")
    if rain_embed and not features and rel not in sum(PAIRED_STACKS.values(), []):
        return "Rain modules"
    # Code runs at deploy time only for custom resources and macros the template uses; a SAM
    # function or a macro's definition (AWS::CloudFormation::Macro) deploys without running it.
    runs_code = bool(macros) or "custom resources" in features
    if rel in AWS_REFUSES:
        return AWS_REFUSES[rel]
    if features and runs_code:
        # Deploys with its macro / custom resource code running locally, or out with why not.
        problem = code_problem(corpus or os.path.dirname(path), rel, doc)
        if problem:
            return f"{features[0]}: {problem}"
        for name, param in (doc.get("Parameters") or {}).items():
            # Custom resource code acting on the id of a resource no template here creates (the
            # Accepter side of a VPC peering connection tags the Requester's connection): the
            # account must hold it already. (Plain resources only referring to one, such as a
            # route to a peering connection, deploy.)
            pattern = param.get("AllowedPattern", "") if isinstance(param, dict) else ""
            given = name in PAIRED_PARAMETERS.get(rel, {})
            for prefix, what in PREEXISTING_ID_PREFIXES.items():
                if pattern.startswith("^" + prefix) and "Default" not in param and not given:
                    return f"needs a pre-existing {what} (parameter {name})"
    if "AWS::CloudFormation::Stack" in types:
        if rel in NESTED_STACKS:
            return NESTED_STACKS[rel]
        return "nested stacks"
    if rel not in PAIRED_STACKS and any(n in ("Fn::ImportValue", "!ImportValue") for n in walk(doc)):
        return "imports another stack's exports"
    if re.search(r"\{\{resolve:ssm(-secure)?:(?!/aws/service/)", text):
        return "needs pre-existing secrets"
    for r in doc["Resources"].values():
        # A function whose code is an object of a bucket the template does not create: Lambda
        # reads the object at create time (NoSuchKey otherwise).
        if isinstance(r, dict) and r.get("Type") == "AWS::Lambda::Function":
            code = (r.get("Properties") or {}).get("Code") or {}
            if isinstance(code, dict) and "S3Bucket" in code:
                return "needs pre-existing S3 objects (Lambda code in S3)"
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
            reason = classify(full, a.corpus)
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
