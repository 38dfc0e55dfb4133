"""Plausible values for template parameters that have no Default, so corpus templates can be
deployed unattended. A value must satisfy the parameter's own constraints (AllowedValues,
AllowedPattern, lengths, ranges); candidates are tried in order, hinted by the parameter's name."""
import re

AWS_TYPE_VALUES = {
    "AWS::EC2::VPC::Id": "vpc-0123456789abcdef0",
    "AWS::EC2::Subnet::Id": "subnet-0123456789abcdef0",
    "AWS::EC2::SecurityGroup::Id": "sg-0123456789abcdef0",
    "AWS::EC2::SecurityGroup::GroupName": "default",
    "AWS::EC2::KeyPair::KeyName": "example-key",
    "AWS::EC2::Image::Id": "ami-0123456789abcdef0",
    "AWS::EC2::Instance::Id": "i-0123456789abcdef0",
    "AWS::EC2::Volume::Id": "vol-0123456789abcdef0",
    "AWS::EC2::AvailabilityZone::Name": "us-east-1a",
    "AWS::Route53::HostedZone::Id": "Z0123456789ABCDEFGHIJ",
}

HINTS = [
    # A permissions boundary must be a policy that exists: an AWS managed one always does.
    (r"permissions?boundary|polic(y|ies)", ["arn:aws:iam::aws:policy/PowerUserAccess"]),
    (r"email", ["user@example.com"]),
    (r"cidr|iprange|sshlocation|location", ["10.0.0.0/16", "0.0.0.0/0"]),
    (r"ipaddress|ip$", ["10.0.0.10", "10.0.0.0/16"]),
    (r"kms|key", ["arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012"]),
    (r"directory", ["d-1234567890"]),
    (r"routetable", ["rtb-0123456789abcdef0"]),
    (r"owner", ["123456789012"]),
    (r"password|secret", ["Passw0rd1234"]),
    (r"arn", ["arn:aws:iam::123456789012:role/example"]),
    (r"dnsserver|nameserver", ["10.0.0.2"]),
    (r"domain|hostname|dns", ["example.com"]),
    (r"peering", ["pcx-0123456789abcdef0"]),
    (r"bucket", ["example-bucket-123456"]),
    # An SNS subscription's endpoint: the templates default the protocol to sqs.
    (r"subscriptionendpoint", ["arn:aws:sqs:us-east-1:123456789012:example-queue"]),
    (r"url|endpoint", ["https://example.com"]),
    (r"instancetype", ["t3.micro", "db.t3.micro", "cache.t3.micro"]),
    (r"account", ["123456789012"]),
    (r"region", ["us-east-1"]),
    (r"vpc", ["vpc-0123456789abcdef0"]),
    (r"subnet", ["subnet-0123456789abcdef0"]),
    (r"ami|image", ["ami-0123456789abcdef0"]),
    (r"keyname|keypair", ["example-key"]),
    (r"version", ["1.29", "1.0"]),
    (r"port", ["8080"]),
    (r"user", ["admin"]),
    (r"cert", ["arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"]),
]

GENERAL = ["example", "10.0.0.10", "Example1", "example-value", "admin", "10.0.0.0/16", "1", "t3.micro",
           "us-east-1a", "ExampleValue123", "a", "abc123", "example.com"]


def _fits(value, decl):
    allowed = decl.get("AllowedValues")
    if allowed is not None:
        return value in [str(a) for a in allowed]
    pattern = decl.get("AllowedPattern")
    if pattern is not None:
        try:
            if not re.fullmatch(pattern, value):
                return False
        except re.error:
            pass
    if "MinLength" in decl and len(value) < int(decl["MinLength"]):
        return False
    if "MaxLength" in decl and len(value) > int(decl["MaxLength"]):
        return False
    return True


# Parameter types (and name hints of String parameters) that name EC2 networking resources: a
# deploy fails unless they exist, as in AWS, so the account's default VPC's are passed.
EXISTING_HINTS = [(r"certificate", "Certificate"), (r"^ip$|ipaddress", "IpAddress"),
                  (r"subnet", "AWS::EC2::Subnet::Id"),
                  (r"routetable", "RouteTable"),
                  (r"securitygroup", "AWS::EC2::SecurityGroup::Id"), (r"vpc", "AWS::EC2::VPC::Id")]


def existing_for(name, ptype, existing, taken):
    """Ids of resources that exist for a parameter ({type: [ids]} from the default VPC), or None."""
    if not existing:
        return None
    item = ptype[5:-1] if ptype.startswith("List<") else ptype
    if item not in existing and ptype in ("String", "CommaDelimitedList"):
        item = next((t for pattern, t in EXISTING_HINTS if re.search(pattern, name.lower())), None)
    ids = existing.get(item) if item else None
    if not ids:
        return None
    # Distinct parameters get distinct ids where there are several (two subnet parameters must
    # name two subnets): a list starts with, and a single value is, the first id no earlier
    # parameter took.
    free = [i for i in ids if i not in taken] + [i for i in ids if i in taken]
    taken.add(free[0])
    if ptype.startswith("List<") or ptype == "CommaDelimitedList":
        return ",".join(free[:4])
    return free[0]


def value_for(name, decl, existing=None, taken=None):
    """A string value for parameter `name` declared as `decl`, or None when nothing fits.
    `existing` maps AWS::EC2::VPC::Id, AWS::EC2::Subnet::Id, AWS::EC2::SecurityGroup::Id and
    RouteTable to ids that exist in the account deployed to; `taken` (a set shared by one
    template's parameters) keeps two parameters from naming the same one."""
    ptype = str(decl.get("Type", "String"))
    allowed = decl.get("AllowedValues")
    if allowed:
        return str(allowed[0])
    known = existing_for(name, ptype, existing, taken if taken is not None else set())
    if known is not None and _fits(known, decl):
        return known
    if ptype.startswith("AWS::SSM::Parameter::Value<"):
        return "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"
    if ptype in ("AWS::EC2::AvailabilityZone::Name", "List<AWS::EC2::AvailabilityZone::Name>"):
        # Zones the region has (us-east-1 has six): CloudFormation checks that each exists.
        zones = [f"us-east-1{c}" for c in "abcdef"]
        if ptype.startswith("List<"):
            return ",".join(zones[:4])
        return zones[sum(map(ord, name)) % len(zones)]
    if ptype in AWS_TYPE_VALUES:
        # Distinct parameters get distinct ids (a template may list two subnet parameters).
        value = AWS_TYPE_VALUES[ptype]
        if value[-1] in "0123456789abcdef" and "-" in value:
            value = value[:-1] + "0123456789abcdef"[sum(map(ord, name)) % 16]
        return value
    if ptype.startswith("List<") and ptype[5:-1] in AWS_TYPE_VALUES:
        # Four distinct items: templates Fn::Select up to index 3.
        one = AWS_TYPE_VALUES[ptype[5:-1]]
        return ",".join(one[:-1] + str(i) for i in range(4))
    if ptype == "Number":
        lo = decl.get("MinValue")
        return str(lo if lo is not None else 1)
    if ptype == "List<Number>":
        return "1,2,3"
    candidates = []
    lname = name.lower()
    for pattern, values in HINTS:
        if re.search(pattern, lname):
            candidates += values
    candidates += GENERAL
    if ptype == "CommaDelimitedList":
        # Distinct items (schemas often require uniqueItems).
        candidates = [",".join(c + ("" if i == 0 else str(i)) for i in range(4)) for c in candidates] + candidates
    for c in candidates:
        if _fits(c, decl):
            return c
    return None
