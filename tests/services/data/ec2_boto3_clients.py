"""boto3's EC2 client against cfnlocal's HTTP front, making the calls custom-resource functions of
the corpus make (driven by tests/services/ec2_boto3_test.cc).

usage: ec2_boto3_clients.py ENDPOINT_URL

Prints "ok N" and exits 0 when every check passed; prints the failed check and exits 1 otherwise.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
EC2 = boto3.client("ec2", endpoint_url=URL, region_name="us-east-1", aws_access_key_id="any",
                   aws_secret_access_key="any", config=Config(retries={"max_attempts": 1}))
ELBV2 = boto3.client("elbv2", endpoint_url=URL, region_name="us-east-1", aws_access_key_id="any",
                     aws_secret_access_key="any", config=Config(retries={"max_attempts": 1}))
# The network load balancer an endpoint service fronts: EC2 checks that it exists.
_SUBNETS = EC2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
NLB = ELBV2.create_load_balancer(Name="front", Type="network",
                                 Subnets=[_SUBNETS[0]["SubnetId"]])["LoadBalancers"][0]["LoadBalancerArn"]
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def expect(actual, wanted, what):
    if actual != wanted:
        raise AssertionError(f"{what}: got {actual!r}, wanted {wanted!r}")


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__} did not fail")


@check
def endpoint_service_private_dns():
    # A private DNS name set by a function, then the TXT record it must publish.
    service = EC2.create_vpc_endpoint_service_configuration(
        NetworkLoadBalancerArns=[NLB], AcceptanceRequired=False)["ServiceConfiguration"]
    service_id = service["ServiceId"]
    EC2.modify_vpc_endpoint_service_configuration(ServiceId=service_id,
                                                  PrivateDnsName="api.example.com")
    config = EC2.describe_vpc_endpoint_service_configurations(
        ServiceIds=[service_id])["ServiceConfigurations"][0]["PrivateDnsNameConfiguration"]
    expect(config["Type"], "TXT", "PrivateDnsNameConfiguration Type")
    expect(config["State"], "pendingVerification", "PrivateDnsNameConfiguration State")
    expect(config["Name"].startswith("_"), True, "PrivateDnsNameConfiguration Name")
    expect(config["Value"].startswith("vpce:"), True, "PrivateDnsNameConfiguration Value")
    EC2.modify_vpc_endpoint_service_permissions(
        ServiceId=service_id, AddAllowedPrincipals=["arn:aws:iam::210987654321:root"])
    principals = EC2.describe_vpc_endpoint_service_permissions(ServiceId=service_id)
    expect([p["Principal"] for p in principals["AllowedPrincipals"]],
           ["arn:aws:iam::210987654321:root"], "AllowedPrincipals")
    expect(error_code(EC2.describe_vpc_endpoint_service_configurations,
                      ServiceIds=["vpce-svc-00000000000000000"]),
           "InvalidVpcEndpointServiceId.NotFound", "a missing service")


@check
def peering_connection_tags():
    a = EC2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    b = EC2.create_vpc(CidrBlock="10.11.0.0/16")["Vpc"]["VpcId"]
    pcx = EC2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b)["VpcPeeringConnection"]
    pcx_id = pcx["VpcPeeringConnectionId"]
    EC2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx_id)
    EC2.create_tags(Resources=[pcx_id], Tags=[{"Key": "Name", "Value": "a-b"},
                                              {"Key": "side", "Value": "requester"}])
    EC2.delete_tags(Resources=[pcx_id], Tags=[{"Key": "side"}])
    got = EC2.describe_vpc_peering_connections(VpcPeeringConnectionIds=[pcx_id])
    connection = got["VpcPeeringConnections"][0]
    expect(connection["Status"]["Code"], "active", "peering status")
    expect(connection["Tags"], [{"Key": "Name", "Value": "a-b"}], "peering tags")
    expect(error_code(EC2.create_tags, Resources=["pcx-0123456789abcdef0"],
                      Tags=[{"Key": "k", "Value": "v"}]),
           "InvalidVpcPeeringConnectionID.NotFound", "tags on a missing connection")


@check
def reserved_offerings_pick_a_zone():
    kwargs = dict(Filters=[{"Name": "scope", "Values": ["Availability Zone"]}],
                  IncludeMarketplace=False, InstanceType="t3.micro")
    r = EC2.describe_reserved_instances_offerings(**kwargs)
    x = r["ReservedInstancesOfferings"]
    while "NextToken" in r:
        r = EC2.describe_reserved_instances_offerings(NextToken=r["NextToken"], **kwargs)
        x.extend(r["ReservedInstancesOfferings"])
    zones = set(d["AvailabilityZone"] for d in x)
    expect(sorted(zones), [f"us-east-1{z}" for z in "abcdef"], "zones offering t3.micro")
    expect(type(x[0]["FixedPrice"]), float, "FixedPrice type")
    expect(x[0]["Duration"] in (31536000, 94608000), True, "Duration")


@check
def key_pairs():
    created = EC2.create_key_pair(KeyName="front-key")
    expect(created["KeyMaterial"].startswith("-----BEGIN RSA PRIVATE KEY-----"), True,
           "KeyMaterial")
    public = EC2.describe_key_pairs(KeyNames=["front-key"], IncludePublicKey=True)
    material = public["KeyPairs"][0]["PublicKey"].encode()
    # boto3 base64-encodes the blob; the service reads the key file's bytes.
    imported = EC2.import_key_pair(KeyName="front-key-copy", PublicKeyMaterial=material)
    expect(len(imported["KeyFingerprint"].split(":")), 16, "an imported key's MD5 fingerprint")
    expect(error_code(EC2.import_key_pair, KeyName="front-key-copy", PublicKeyMaterial=material),
           "InvalidKeyPair.Duplicate", "a duplicate name")
    EC2.delete_key_pair(KeyName="front-key")
    names = [k["KeyName"] for k in EC2.describe_key_pairs()["KeyPairs"]]
    expect(names, ["front-key-copy"], "key pairs after DeleteKeyPair")


def main():
    for fn in CHECKS:
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - report any failure with its check's name
            print(f"FAILED {fn.__name__}: {e!r}")
            return 1
    print(f"ok {len(CHECKS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
