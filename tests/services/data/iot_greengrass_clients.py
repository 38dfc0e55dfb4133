"""boto3's iot and greengrass clients against cfnlocal's HTTP front (driven by
tests/services/iot_http_front_test.cc), making the calls the IoT corpus templates' custom
resources make (IoT/amzn2-greengrass-cfn.yaml's CreateThingFunction and reset_function.py), in
their order, with the REST-JSON wire format boto3 itself produces.

usage: iot_greengrass_clients.py ENDPOINT_URL

Prints "ok N" and exits 0 when every check passed; prints each failed check and exits 1
otherwise.
"""
import json
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
CONFIG = Config(retries={"max_attempts": 1})
CHECKS = []
POLICY = {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": "*"},
                        {"Effect": "Allow", "Action": "greengrass:*", "Resource": "*"}]}
TRUST = ('{"Version": "2012-10-17","Statement": [{"Effect": "Allow","Principal": '
         '{"Service": "greengrass.amazonaws.com"},"Action": "sts:AssumeRole"}]}')


def client(name):
    return boto3.client(name, endpoint_url=URL, region_name="us-east-1", aws_access_key_id="any",
                        aws_secret_access_key="any", config=CONFIG)


def check(fn):
    CHECKS.append(fn)
    return fn


def error_code(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__} did not fail")


def expect(actual, wanted, what):
    if actual != wanted:
        raise AssertionError(f"{what}: got {actual!r}, wanted {wanted!r}")


@check
def create_thing_function():
    iot = client("iot")
    thing = "gg_cfn_Core"
    iot.create_thing(thingName=thing)
    response = iot.create_keys_and_certificate(setAsActive=True)
    cert_arn, cert_id = response["certificateArn"], response["certificateId"]
    expect(cert_arn, f"arn:aws:iot:us-east-1:123456789012:cert/{cert_id}", "certificateArn")
    expect(response["keyPair"]["PrivateKey"].startswith("-----BEGIN RSA PRIVATE KEY-----"), True,
           "private key PEM")
    expect(response["certificatePem"].startswith("-----BEGIN CERTIFICATE-----"), True,
           "certificate PEM")
    iot.create_policy(policyName=f"{thing}-full-access", policyDocument=json.dumps(POLICY))
    iot.attach_policy(policyName=f"{thing}-full-access", target=cert_arn)
    iot.attach_thing_principal(thingName=thing, principal=cert_arn)
    endpoint = iot.describe_endpoint(endpointType="iot:Data-ATS")["endpointAddress"]
    if not re.fullmatch(r"[a-z0-9]{14}-ats\.iot\.us-east-1\.amazonaws\.com", endpoint):
        raise AssertionError(f"iot:Data-ATS endpoint {endpoint!r}")
    expect(iot.describe_certificate(certificateId=cert_id)["certificateDescription"]["status"],
           "ACTIVE", "certificate status")
    expect(error_code(iot.delete_thing, thingName=thing), "InvalidRequestException",
           "DeleteThing with a principal attached")

    # The function's Delete branch.
    response = iot.list_thing_principals(thingName=thing)
    expect(response["principals"], [cert_arn], "ListThingPrincipals")
    for i in response["principals"]:
        iot.detach_thing_principal(thingName=thing, principal=i)
        iot.detach_policy(policyName=f"{thing}-full-access", target=i)
        iot.update_certificate(certificateId=i.split("/")[-1], newStatus="INACTIVE")
        iot.delete_certificate(certificateId=i.split("/")[-1], forceDelete=True)
        iot.delete_policy(policyName=f"{thing}-full-access")
        iot.delete_thing(thingName=thing)
    expect(error_code(iot.describe_thing, thingName=thing), "ResourceNotFoundException",
           "DescribeThing after DeleteThing")
    expect(error_code(iot.get_policy, policyName=f"{thing}-full-access"),
           "ResourceNotFoundException", "GetPolicy after DeletePolicy")


def find_group(gg, thing_name):
    """reset_function.py's find_group: the group whose core is the thing."""
    for group in gg.list_groups()["Groups"]:
        version = gg.get_group_version(GroupId=group["Id"], GroupVersionId=group["LatestVersion"])
        core_arn = version["Definition"].get("CoreDefinitionVersionArn", "")
        if not core_arn:
            continue
        core_id = core_arn[core_arn.index("/cores/") + 7:core_arn.index("/versions/")]
        core_version_id = core_arn[core_arn.index("/versions/") + 10:]
        core_version = gg.get_core_definition_version(CoreDefinitionId=core_id,
                                                      CoreDefinitionVersionId=core_version_id)
        for core in core_version["Definition"].get("Cores", []):
            if thing_name == core["ThingArn"].split("/")[1]:
                return group["Id"]
    return ""


@check
def group_deployment_reset_function():
    gg, iam = client("greengrass"), client("iam")
    thing = "gg_reset_Core"
    core = gg.create_core_definition(Name=thing, InitialVersion={"Cores": [{
        "Id": thing, "ThingArn": f"arn:aws:iot:us-east-1:123456789012:thing/{thing}",
        "CertificateArn": "arn:aws:iot:us-east-1:123456789012:cert/0123", "SyncShadow": False}]})
    group = gg.create_group(Name="gg_reset",
                            InitialVersion={"CoreDefinitionVersionArn": core["LatestVersionArn"]})
    gg.create_deployment(GroupId=group["Id"], DeploymentType="NewDeployment",
                         GroupVersionId=group["LatestVersion"])

    # Create: no service role yet, so the function makes and associates one.
    expect(error_code(gg.get_service_role_for_account), "404", "GetServiceRoleForAccount")
    role_name = "greengrass_cfn_stack_ServiceRole"
    role_arn = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=TRUST,
                               Description="Role for CloudFormation blog post")["Role"]["Arn"]
    policy_arn = "arn:aws:iam::aws:policy/service-role/AWSGreengrassResourceAccessRolePolicy"
    iam.attach_role_policy(RoleName=role_name, PolicyArn=policy_arn)
    gg.associate_service_role_to_account(RoleArn=role_arn)
    expect(gg.get_service_role_for_account()["RoleArn"], role_arn, "the account's service role")

    # Delete: find the group by its core thing, reset its deployments, drop the role.
    group_id = find_group(gg, thing)
    expect(group_id, group["Id"], "find_group")
    expect(error_code(gg.delete_group, GroupId=group_id), "BadRequestException",
           "DeleteGroup while deployed")
    gg.reset_deployments(Force=True, GroupId=group_id)
    expect(iam.get_role(RoleName=role_name)["Role"]["Arn"], role_arn, "GetRole")
    gg.disassociate_service_role_from_account()
    iam.detach_role_policy(RoleName=role_name, PolicyArn=policy_arn)
    iam.delete_role(RoleName=role_name)
    gg.delete_group(GroupId=group_id)
    expect(error_code(gg.get_group, GroupId=group_id), "IdNotFoundException", "GetGroup after delete")


failed = 0
for fn in CHECKS:
    try:
        fn()
    except Exception as e:  # report every failed check, not only the first
        failed += 1
        print(f"FAIL {fn.__name__}: {type(e).__name__}: {e}")
if failed:
    sys.exit(1)
print(f"ok {len(CHECKS)}")
