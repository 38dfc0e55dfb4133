"""boto3's Route 53 client against cfnlocal's HTTP front (driven by tests/services/route53_test.cc).

usage: route53_clients.py ENDPOINT_URL

The endpoint reaches the client as AWS_ENDPOINT_URL, as Lambda functions get it: Route 53 is a
global service (signed for us-east-1 with the "route53" scope whatever the region), so this checks
that boto3 resolves it to the local front. Runs what custom-resource code does: create a zone,
UPSERT a TXT record, wait with the resource_record_sets_changed waiter, list, page, fail a batch,
health checks and tags, and the ids botocore strips ("/hostedzone/", "/change/"). Prints "ok"
and exits 0 when every check passed; prints the failed check and exits 1 otherwise.
"""
import os
import sys

os.environ["AWS_ENDPOINT_URL"] = sys.argv[1]
os.environ.setdefault("AWS_ACCESS_KEY_ID", "any")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "any")

import boto3  # noqa: E402 (after the environment it reads)
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402


def expect(actual, wanted, what):
    if actual != wanted:
        raise AssertionError(f"{what}: got {actual!r}, wanted {wanted!r}")


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError(f"{call.__name__} did not fail")


def main():
    r53 = boto3.client("route53", region_name="eu-west-1", config=Config(retries={"max_attempts": 1}))
    made = r53.create_hosted_zone(Name="boto.example.com", CallerReference="boto-1",
                                  HostedZoneConfig={"Comment": "from boto3"})
    zone_id = made["HostedZone"]["Id"]
    expect(zone_id.startswith("/hostedzone/Z"), True, "CreateHostedZone Id")
    expect(made["ResponseMetadata"]["HTTPStatusCode"], 201, "CreateHostedZone status")
    expect(len(made["DelegationSet"]["NameServers"]), 4, "delegation set")
    expect(error_of(r53.create_hosted_zone, Name="boto.example.com", CallerReference="boto-1")[0],
           "HostedZoneAlreadyExists", "repeated CallerReference")

    # What custom-resource code does, with the prefixed id botocore strips.
    change = r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [
        {"Action": "UPSERT", "ResourceRecordSet": {
            "Type": "TXT", "Name": "_verify.boto.example.com", "TTL": 300,
            "ResourceRecords": [{"Value": '"token-123"'}]}}]})
    r53.get_waiter("resource_record_sets_changed").wait(
        Id=change["ChangeInfo"]["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 3})
    expect(r53.get_change(Id=change["ChangeInfo"]["Id"])["ChangeInfo"]["Status"], "INSYNC",
           "GetChange")
    for i in range(3):
        r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [
            {"Action": "CREATE", "ResourceRecordSet": {
                "Type": "A", "Name": f"h{i}.boto.example.com", "SetIdentifier": f"s{i}",
                "Weight": i, "TTL": 60, "ResourceRecords": [{"Value": f"192.0.2.{i + 1}"}]}}]})
    pages = r53.get_paginator("list_resource_record_sets").paginate(
        HostedZoneId=zone_id, PaginationConfig={"PageSize": 2})
    names = [(r["Name"], r["Type"]) for page in pages for r in page["ResourceRecordSets"]]
    expect(names, [("boto.example.com.", "NS"), ("boto.example.com.", "SOA"),
                   ("_verify.boto.example.com.", "TXT"), ("h0.boto.example.com.", "A"),
                   ("h1.boto.example.com.", "A"), ("h2.boto.example.com.", "A")],
           "ListResourceRecordSets pages")
    code, message = error_of(r53.change_resource_record_sets, HostedZoneId=zone_id, ChangeBatch={
        "Changes": [{"Action": "DELETE", "ResourceRecordSet": {
            "Type": "TXT", "Name": "_verify.boto.example.com", "TTL": 300,
            "ResourceRecords": [{"Value": '"other"'}]}}]})
    expect(code, "InvalidChangeBatch", "DELETE of other values")
    expect("do not match the current values" in message, True, "InvalidChangeBatch message")

    found = r53.list_hosted_zones_by_name(DNSName="boto.example.com")["HostedZones"][0]
    expect(found["Id"], zone_id, "ListHostedZonesByName")
    expect(r53.get_hosted_zone(Id=zone_id)["HostedZone"]["Config"]["Comment"], "from boto3",
           "GetHostedZone comment")

    check = r53.create_health_check(CallerReference="boto-hc", HealthCheckConfig={
        "Type": "HTTP", "IPAddress": "192.0.2.10", "ResourcePath": "/health"})["HealthCheck"]
    r53.change_tags_for_resource(ResourceType="healthcheck", ResourceId=check["Id"],
                                 AddTags=[{"Key": "Name", "Value": "web"}])
    tags = r53.list_tags_for_resource(ResourceType="healthcheck", ResourceId=check["Id"])
    expect(tags["ResourceTagSet"]["Tags"], [{"Key": "Name", "Value": "web"}], "health check tags")
    updated = r53.update_health_check(HealthCheckId=check["Id"], HealthCheckVersion=1,
                                      FailureThreshold=2)["HealthCheck"]
    expect(updated["HealthCheckVersion"], 2, "UpdateHealthCheck version")
    expect(error_of(r53.get_health_check, HealthCheckId="00000000-0000-0000-0000-000000000000")[0],
           "NoSuchHealthCheck", "GetHealthCheck of an unknown id")
    r53.delete_health_check(HealthCheckId=check["Id"])
    expect(error_of(r53.delete_hosted_zone, Id=zone_id)[0], "HostedZoneNotEmpty",
           "DeleteHostedZone with records")
    print("ok")


try:
    main()
except Exception as e:  # noqa: BLE001 (report any failure and exit non-zero)
    print(f"FAILED: {type(e).__name__}: {e}")
    sys.exit(1)
