#!/usr/bin/env python3
"""Regenerates transforms/sam/data/connector_profiles.json by probing the reference SAM
translator as a black box (/work/shared/tools/sam-reference): for every pair of resource types
it asks for a connector given by placeholder properties (Arn, Name, QueueUrl, ResourceId,
RoleName, Qualifier) and records, per permission set, the resources generated (with the
placeholders written as %{Source.Arn} ...) or the error text of an unsupported set.
Run scripts/sam/embed_data.py afterwards.

usage: scripts/sam/probe_connector_profiles.py   (takes about a minute)
"""
import json, os, re, subprocess, tempfile, yaml

REFERENCE = "/work/shared/tools/sam-reference"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "transforms", "sam", "data",
                   "connector_profiles.json")
# CloudFormation types that could be a connector end (the documented table and its neighbours).
TYPES = """AWS::ApiGateway::RestApi AWS::ApiGatewayV2::Api AWS::AppSync::DataSource AWS::AppSync::GraphQLApi
AWS::DynamoDB::Table AWS::Events::EventBus AWS::Events::Rule AWS::Lambda::Function AWS::S3::Bucket AWS::SNS::Topic
AWS::SQS::Queue AWS::StepFunctions::StateMachine AWS::Location::PlaceIndex AWS::IAM::Role
AWS::Lambda::EventSourceMapping AWS::Kinesis::Stream AWS::SecretsManager::Secret AWS::Scheduler::Schedule
AWS::Pipes::Pipe AWS::Location::Map AWS::Location::RouteCalculator AWS::Location::Tracker
AWS::Location::GeofenceCollection AWS::Cognito::UserPool AWS::KMS::Key AWS::Logs::LogGroup
AWS::KinesisFirehose::DeliveryStream AWS::SSM::Parameter""".split()
PROPS = ["Arn", "Name", "QueueUrl", "ResourceId", "RoleName", "Qualifier"]
PERMS = [["Read"], ["Write"], ["Read", "Write"]]


def end(t, side):
    return dict({"Type": t}, **{p: f"{side.upper()}_{p.upper()}" for p in PROPS})


def run(cases):
    res = {cid: {"Type": "AWS::Serverless::Connector",
                 "Properties": {"Source": end(s, "src"), "Destination": end(d, "dst"), "Permissions": pm}}
           for cid, (s, d, pm) in cases.items()}
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        yaml.safe_dump({"Transform": "AWS::Serverless-2016-10-31", "Resources": res}, f)
    out = json.loads(subprocess.run([REFERENCE, f.name], capture_output=True, text=True).stdout)
    os.unlink(f.name)
    errors = {}
    if "errorMessage" in out:
        body = " " + out["errorMessage"].split("found: ", 1)[1].split(".", 1)[1]
        parts = re.split(r" Resource with id \[(C\d+)\] is invalid\. ", body)
        errors = dict(zip(parts[1::2], parts[2::2]))
    return out.get("Resources", {}), errors


def placeholders(v):
    if isinstance(v, dict):
        return {k: placeholders(x) for k, x in v.items()}
    if isinstance(v, list):
        return [placeholders(x) for x in v]
    if isinstance(v, str):
        m = re.fullmatch(r"(SRC|DST)_([A-Z]+)", v)
        if m:
            side = "Source" if m.group(1) == "SRC" else "Destination"
            prop = next(p for p in PROPS if p.upper() == m.group(2))
            return "%{" + side + "." + prop + "}"
    return v


cases = {f"C{i}": (s, d, ["Read"]) for i, (s, d) in enumerate((s, d) for s in TYPES for d in TYPES)}
_, errors = run(cases)
pairs = [(s, d) for cid, (s, d, _) in cases.items() if "not supported" not in errors.get(cid, "")]
cases = {f"C{i}": (s, d, pm) for i, ((s, d), pm) in enumerate((p, pm) for p in pairs for pm in PERMS)}
_, errors = run(cases)
resources, errors2 = run({c: v for c, v in cases.items() if c not in errors})
assert not errors2, errors2
profiles = {}
for cid, (s, d, pm) in cases.items():
    prof = profiles.setdefault(s, {}).setdefault(d, {"Permissions": {}})
    key = "+".join(pm)
    if cid in errors:
        prof["Invalid"] = errors[cid].split("; ", 1)[1].rstrip(".")
        continue
    generated = []
    for name, r in resources.items():
        if name.startswith(cid) and name[len(cid)].isalpha():
            r = dict(r)
            r.pop("Metadata", None)
            generated.append([name[len(cid):], placeholders(r)])
    prof["Permissions"][key] = generated
with open(OUT, "w") as f:
    json.dump({"Profiles": profiles}, f, indent=1, sort_keys=False)
    f.write("\n")
