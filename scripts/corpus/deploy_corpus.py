#!/usr/bin/env python3
"""Deploys every in-scope template of the corpus classification and deletes it again.

usage: deploy_corpus.py [--cfnlocal BIN] [--corpus DIR] [--classification FILE] [--only SUBSTR]
                        [--jobs N] [--keep-state DIR]

For each template classified `in` (classification.tsv beside this script), runs
`cfnlocal deploy` with values for parameters that have no Default (parameter_values.py), expects
CREATE_COMPLETE, then `cfnlocal delete-stack` and expects DELETE_COMPLETE. Each template gets its
own state file. Templates that need something in place first (PREREQUISITES: nested templates
uploaded to the S3 store, a macro's stack or an exporting stack deployed) get it in their state
file before the deploy, and the parameter values it implies; what their READMEs ask the user to
create by hand (secrets their dynamic references read, roles their instance profiles name) is
created first too (account_setup). Prints one line per failure with the reason, then `N passed, M failed`.
Exit 0 when nothing failed.
"""
import argparse, json, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classify
from parameter_values import AWS_TYPE_VALUES, value_for

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


TEMPLATES_BUCKET = "corpus-templates"
ARTIFACTS_BUCKET = "corpus-artifacts"


def nested_templates(folder, names, prefix="templates/"):
    """Objects to upload: KEY -> corpus path, for templates that read nested templates from S3."""
    return {prefix + n: f"{folder}/{n}" for n in names}


_FLOW_LOGS = {
    "objects": nested_templates("Solutions/VPCFlowLogs/templates",
                                ["VPCFlowLogsCloudWatch.cfn.yaml", "VPCFlowLogsS3.cfn.yaml"]),
    "parameters": {"TemplatesS3BucketName": TEMPLATES_BUCKET, "TemplatesS3BucketRegion": "us-east-1",
                   "CreateVPCFlowLogsToCloudWatch": "Yes", "CreateVPCFlowLogsToS3": "Yes"},
}
_PEERING = {
    "objects": nested_templates("Solutions/VPCPeering/templates",
                                ["VPCPeering-Accepter-Tag.cfn.yaml", "VPCPeering-Updates.cfn.yaml",
                                 "VPCPeering-Requester-Setup.cfn.yaml"]),
    "parameters": {"TemplatesS3BucketName": TEMPLATES_BUCKET, "TemplatesS3BucketRegion": "us-east-1",
                   "TemplatesS3KeyPrefix": ""},
}

# The Requester peers with the Accepter's VPC in another account (its README): the request stays
# pending acceptance there, as in AWS.
_PEER_ACCOUNT = {"PeerOwnerId": "210987654321", "PeerVPCID": "vpc-0a1b2c3d4e5f60718"}
_REQUESTER = dict(_PEERING, parameters=dict(_PEERING["parameters"], **_PEER_ACCOUNT))

# What a template needs before its deploy: objects in the S3 store (bucket TEMPLATES_BUCKET),
# stacks deployed first (a macro's definition: [corpus path, ...]) and parameter values.
PREREQUISITES = {
    "Solutions/VPCFlowLogs/templates/VPCFlowLogs-main.cfn.yaml": _FLOW_LOGS,
    "Solutions/VPCFlowLogs/templates/VPCFlowLogs-main.cfn.json": _FLOW_LOGS,
    "Solutions/VPCPeering/templates/VPCPeering-Accepter.main.cfn.yaml": _PEERING,
    "Solutions/VPCPeering/templates/VPCPeering-Accepter.main.cfn.json": _PEERING,
    "Solutions/VPCPeering/templates/VPCPeering-Requester.main.cfn.yaml": _REQUESTER,
    "Solutions/VPCPeering/templates/VPCPeering-Requester.main.cfn.json": _REQUESTER,
    "Solutions/VPCPeering/templates/VPCPeering-Requester-Setup.cfn.yaml": {"parameters": _PEER_ACCOUNT},
    "Solutions/VPCPeering/templates/VPCPeering-Requester-Setup.cfn.json": {"parameters": _PEER_ACCOUNT},
}
# Macro examples and export consumers: the stacks deployed first (their code packaged first).
for _rel, _stacks in classify.PAIRED_STACKS.items():
    PREREQUISITES[_rel] = {"stacks": _stacks, "parameters": classify.PAIRED_PARAMETERS.get(_rel, {})}

# The trust policy of a role an instance profile names: EC2 assumes it.
EC2_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def rain_embedded(path, out_path):
    """The template with every `!Rain::Embed FILE` replaced by the file's text, as `rain pkg`
    does (written to out_path), or `path` itself when it embeds nothing."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "Rain::Embed" not in text:
        return path
    folder = os.path.dirname(path)

    def content(name):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            return f.read()

    if path.endswith(".json"):
        def replace(node):
            if isinstance(node, dict):
                if list(node) == ["Rain::Embed"]:
                    return content(node["Rain::Embed"])
                return {k: replace(v) for k, v in node.items()}
            if isinstance(node, list):
                return [replace(v) for v in node]
            return node
        text = json.dumps(replace(json.loads(text)), indent=1)
    else:
        # A JSON string is a YAML double-quoted scalar.
        text = re.sub(r"!Rain::Embed\s+(\S+)", lambda m: json.dumps(content(m.group(1))), text)
    out_path += os.path.splitext(path)[1]
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    return out_path


def prepare(binary, corpus, rel, common):
    """Puts a template's prerequisites in place; returns (parameter values, problem or None)."""
    need = PREREQUISITES.get(rel)
    if not need:
        return {}, None
    if need.get("objects"):
        rc, _, err = run([binary, "services", "s3", "create-bucket", "--bucket", TEMPLATES_BUCKET] + common)
        if rc != 0 and "BucketAlreadyOwnedByYou" not in err:
            return {}, "prerequisite bucket: " + (err.strip().splitlines() or ["?"])[-1]
        for key, path in need["objects"].items():
            with open(os.path.join(corpus, path)) as f:
                body = f.read()
            rc, _, err = run([binary, "services", "s3", "put-object", "--bucket", TEMPLATES_BUCKET,
                              "--key", key, "--body", body] + common)
            if rc != 0:
                return {}, f"prerequisite object {key}: " + (err.strip().splitlines() or ["?"])[-1]
    for i, path in enumerate(need.get("stacks", [])):
        full = rain_embedded(classify.stack_path(corpus, path), common[1] + f".prereq{i}-embedded")
        overrides, problem = parameters_of(full, None, default_vpc(binary, common))
        if problem:
            return {}, f"prerequisite stack {path}: {problem}"
        # Local code (CodeUri: folder) goes to the S3 store first, as `aws cloudformation package`.
        run([binary, "services", "s3", "create-bucket", "--bucket", ARTIFACTS_BUCKET] + common)
        packaged = os.path.join(os.path.dirname(common[1]), os.path.basename(common[1]) + f".prereq{i}.yaml")
        rc, _, err = run([binary, "package", "--template-file", full, "--s3-bucket", ARTIFACTS_BUCKET,
                          "--output-template-file", packaged] + common)
        if rc != 0:
            return {}, f"prerequisite package {path}: " + (err.strip().splitlines() or ["?"])[-1]
        full = packaged
        if problem:
            return {}, f"prerequisite stack {path}: {problem}"
        cmd = [binary, "deploy", "--stack-name", f"prerequisite{i}", "--template-file", full,
               "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"] + common
        if overrides:
            cmd += ["--parameter-overrides"] + overrides
        rc, _, err = run(cmd)
        if rc != 0:
            return {}, f"prerequisite stack {path}: " + (err.strip().splitlines() or ["?"])[-1]
    values = {}
    for name, value in need.get("parameters", {}).items():
        # "STACK.Outputs.KEY": an output of a prerequisite stack (the id of what it made).
        m = re.fullmatch(r"(\w+)\.Outputs\.(\w+)", value)
        if m:
            rc, out, err = run([binary, "describe-stacks", "--stack-name", m.group(1)] + common)
            outputs = {o["OutputKey"]: o["OutputValue"]
                       for o in (json.loads(out)["Stacks"][0].get("Outputs", []) if rc == 0 else [])}
            if m.group(2) not in outputs:
                return {}, f"prerequisite output {value}: not found"
            value = outputs[m.group(2)]
        values[name] = value
    return values, None


def needs_packaging(path):
    """A SAM template whose code is a local folder (CodeUri, ContentUri, DefinitionUri)."""
    doc, _ = classify.load(path)
    transforms = doc.get("Transform", [])
    transforms = transforms if isinstance(transforms, list) else [transforms]
    if "AWS::Serverless-2016-10-31" not in transforms:
        return False
    for r in (doc.get("Resources") or {}).values():
        props = (r or {}).get("Properties") or {} if isinstance(r, dict) else {}
        for key in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(props.get(key), str) and not props[key].startswith("s3://"):
                return True
    return False


def package(binary, path, state, common):
    """`cfnlocal package` into the artifacts bucket; returns (packaged template, problem)."""
    run([binary, "services", "s3", "create-bucket", "--bucket", ARTIFACTS_BUCKET] + common)
    packaged = state + ".packaged.yaml"
    rc, _, err = run([binary, "package", "--template-file", path, "--s3-bucket", ARTIFACTS_BUCKET,
                      "--output-template-file", packaged] + common)
    if rc != 0:
        return path, "package: " + (err.strip().splitlines() or ["?"])[-1]
    return packaged, None


def account_setup(binary, path, common):
    """Creates what the template's README has its user create by hand; returns a problem or None:
    each secret its dynamic references read (a JSON object with the key they name, or a plain
    string), each role its instance profiles name, the account's Greengrass service role."""
    doc, text = classify.load(path)
    for name, key in classify.account_secrets(doc, text):
        value = json.dumps({key: "Corpus-Passw0rd-1"}) if key else "Corpus-Passw0rd-1"
        rc, _, err = run([binary, "services", "secretsmanager", "create-secret", "--name", name,
                          "--secret-string", value] + common)
        if rc != 0:
            return f"account secret {name}: " + (err.strip().splitlines() or ["?"])[-1]
    if any(str((r or {}).get("Type", "")).startswith("AWS::Greengrass::")
           for r in (doc.get("Resources") or {}).values() if isinstance(r, dict)):
        # Greengrass works in an account whose Greengrass service role is set (once, in the
        # console or with AssociateServiceRoleToAccount); the corpus account gets one.
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
            "Service": "greengrass.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
        rc, out, err = run([binary, "services", "iam", "create-role", "--role-name", "Greengrass_ServiceRole",
                            "--assume-role-policy-document", trust] + common)
        if rc == 0:
            rc, _, err = run([binary, "services", "greengrass", "associate-service-role-to-account",
                              "--role-arn", json.loads(out)["Role"]["Arn"]] + common)
        if rc != 0:
            return "account Greengrass service role: " + (err.strip().splitlines() or ["?"])[-1]
    for role in classify.account_roles(doc):
        rc, _, err = run([binary, "services", "iam", "create-role", "--role-name", role,
                          "--assume-role-policy-document", EC2_TRUST] + common)
        if rc != 0:
            return f"account role {role}: " + (err.strip().splitlines() or ["?"])[-1]
    return None


def account_resources(binary, path, common):
    """{parameter type: [ids]} of what the template's parameters name and a user makes first:
    a hosted zone for AWS::Route53::HostedZone::Id, a key pair for AWS::EC2::KeyPair::KeyName
    (named as parameter_values names key pairs), an ACM certificate for a parameter naming a
    certificate. {} for what the services cannot make."""
    doc, _ = classify.load(path)
    types = {str(d.get("Type", "")) for d in (doc.get("Parameters") or {}).values() if isinstance(d, dict)}
    made = {}
    if types & {"AWS::Route53::HostedZone::Id", "List<AWS::Route53::HostedZone::Id>"}:
        rc, out, _ = run([binary, "services", "route53", "create-hosted-zone", "--name", "example.com",
                          "--caller-reference", "corpus"] + common)
        if rc == 0:
            made["AWS::Route53::HostedZone::Id"] = [json.loads(out)["HostedZone"]["Id"].split("/")[-1]]
    resource_types = {str(r.get("Type", "")) for r in (doc.get("Resources") or {}).values()
                      if isinstance(r, dict)}
    if any(re.search("certificate", name, re.I) for name in (doc.get("Parameters") or {})):
        # A certificate ARN parameter must name a certificate that exists: a device certificate
        # of IoT for a template of IoT resources (a thing's principal), else one of ACM (an
        # HTTPS listener's).
        if any(t.startswith("AWS::IoT::") for t in resource_types):
            rc, out, _ = run([binary, "services", "iot", "create-keys-and-certificate",
                              "--set-as-active", "true"] + common)
            key = "certificateArn"
        else:
            rc, out, _ = run([binary, "services", "acm", "request-certificate", "--domain-name",
                              "corpus.example.com"] + common)
            key = "CertificateArn"
        if rc == 0:
            made["Certificate"] = [json.loads(out)[key]]
    if types & {"AWS::EC2::KeyPair::KeyName", "List<AWS::EC2::KeyPair::KeyName>"}:
        name = AWS_TYPE_VALUES["AWS::EC2::KeyPair::KeyName"]
        rc, _, _ = run([binary, "services", "ec2", "create-key-pair", "--key-name", name] + common)
        if rc == 0:
            made["AWS::EC2::KeyPair::KeyName"] = [name]
    return made


def default_vpc(binary, common):
    """{parameter type: [ids]} of the account's default VPC in the state file (its VPC, default
    subnets, default security group and main route table), for parameters naming resources that
    must exist; {} when the services cannot say."""
    def ask(operation, member, filters):
        rc, out, _ = run([binary, "services", "ec2", operation, "--filters", json.dumps(filters)] + common)
        return json.loads(out).get(member, []) if rc == 0 else []
    vpcs = ask("describe-vpcs", "Vpcs", [{"Name": "is-default", "Values": ["true"]}])
    if not vpcs:
        return {}
    vpc = vpcs[0]["VpcId"]
    in_vpc = {"Name": "vpc-id", "Values": [vpc]}
    subnets = ask("describe-subnets", "Subnets", [in_vpc, {"Name": "default-for-az", "Values": ["true"]}])
    groups = ask("describe-security-groups", "SecurityGroups", [in_vpc, {"Name": "group-name", "Values": ["default"]}])
    tables = ask("describe-route-tables", "RouteTables", [in_vpc, {"Name": "association.main", "Values": ["true"]}])
    # An address in the default VPC (its first default subnet), for a template that takes the
    # VPC and an IP of a host in it (a load balancer's IP target).
    first = sorted(subnets, key=lambda s: s["AvailabilityZone"])[0]["CidrBlock"] if subnets else ""
    host = ".".join(first.split("/")[0].split(".")[:3] + ["10"]) if first else ""
    return {"AWS::EC2::VPC::Id": [vpc], "IpAddress": [host] if host else [],
            "AWS::EC2::Subnet::Id": [s["SubnetId"] for s in sorted(subnets, key=lambda s: s["AvailabilityZone"])],
            "AWS::EC2::SecurityGroup::Id": [g["GroupId"] for g in groups],
            "RouteTable": [t["RouteTableId"] for t in tables]}


def parameters_of(path, given=None, existing=None):
    doc, _ = classify.load(path)
    params = doc.get("Parameters") or {}
    given = given or {}
    out = [f"{k}={v}" for k, v in given.items() if k in params]
    taken = set()
    if existing and not any(str(d.get("Type", "")) == "AWS::EC2::VPC::Id"
                            for d in params.values() if isinstance(d, dict)):
        # IPs in the default VPC only for a template placed in that VPC.
        existing = {k: v for k, v in existing.items() if k != "IpAddress"}
    for name, decl in params.items():
        if name in given or not isinstance(decl, dict):
            continue
        if "Default" in decl and existing and existing.get("Certificate") and re.search("certificate", name, re.I):
            # A default certificate (a placeholder id or ARN) cannot exist in a fresh account:
            # the template's README has its user give theirs, as an ARN or as the id in one.
            arn = existing["Certificate"][0]
            out.append(f"{name}={arn if str(decl['Default']).startswith('arn:') else arn.split('/')[-1]}")
            continue
        if "Default" in decl:
            continue
        value = value_for(name, decl, existing, taken)
        if value is None:
            return None, f"no value fits parameter {name}"
        out.append(f"{name}={value}")
    return out, None


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def deploy_one(binary, corpus, rel, state_dir):
    state = os.path.join(state_dir, rel.replace("/", "_") + ".db")
    path = rain_embedded(os.path.join(corpus, rel), state + ".embedded")
    common = ["--state", state, "--region", "us-east-1", "--output", "json"]
    given, problem = prepare(binary, corpus, rel, common)
    if problem:
        return rel, problem
    problem = account_setup(binary, path, common)
    if problem:
        return rel, problem
    existing = default_vpc(binary, common)
    existing.update(account_resources(binary, path, common))
    overrides, problem = parameters_of(path, given, existing)
    if problem:
        return rel, problem
    if needs_packaging(path):
        # Local code (CodeUri: folder) goes to the S3 store first, as `sam deploy` does.
        path, problem = package(binary, path, state, common)
        if problem:
            return rel, problem
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
