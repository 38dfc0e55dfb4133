"""boto3's elbv2 (query protocol, XML) and acm (JSON 1.1) clients against cfnlocal's HTTP front
(driven by tests/services/elbv2_test.cc).

usage: elbv2_clients.py ENDPOINT_URL

Builds an Application Load Balancer in a new VPC's two subnets with an HTTPS listener on an ACM
certificate, a target group and a rule, reads them back, and checks that service errors come
back as botocore's ClientError with ELB's and ACM's codes. Prints "ok N" and exits 0 when every
check passed; prints the failed check and exits 1 otherwise.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
CONFIG = Config(retries={"max_attempts": 1})


def client(name):
    return boto3.client(name, endpoint_url=URL, region_name="us-east-1", aws_access_key_id="any",
                        aws_secret_access_key="any", config=CONFIG)


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__} did not fail")


def expect(actual, wanted, what):
    if actual != wanted:
        raise AssertionError(f"{what}: got {actual!r}, wanted {wanted!r}")


def acm_certificates():
    acm = client("acm")
    arn = acm.request_certificate(DomainName="front.example.com", ValidationMethod="DNS",
                                  SubjectAlternativeNames=["www.front.example.com"],
                                  Tags=[{"Key": "team", "Value": "web"}])["CertificateArn"]
    cert = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    expect(cert["Status"], "ISSUED", "ACM status")
    expect(cert["SubjectAlternativeNames"], ["front.example.com", "www.front.example.com"],
           "ACM SANs")
    record = cert["DomainValidationOptions"][0]["ResourceRecord"]
    expect(record["Type"], "CNAME", "ACM validation record type")
    expect(record["Name"].endswith(".front.example.com."), True, "ACM validation record name")
    expect(hasattr(cert["NotAfter"], "year"), True, "ACM NotAfter is a timestamp")
    pem = acm.get_certificate(CertificateArn=arn)["Certificate"]
    expect(pem.startswith("-----BEGIN CERTIFICATE-----"), True, "ACM GetCertificate PEM")
    listed = acm.list_certificates(CertificateStatuses=["ISSUED"])["CertificateSummaryList"]
    expect([c["CertificateArn"] for c in listed], [arn], "ACM ListCertificates")
    expect(acm.list_tags_for_certificate(CertificateArn=arn)["Tags"],
           [{"Key": "team", "Value": "web"}], "ACM tags")
    expect(error_code(acm.describe_certificate, CertificateArn=arn[:-4] + "0000"),
           "ResourceNotFoundException", "ACM missing certificate")
    return arn


def load_balancer(certificate):
    ec2 = client("ec2")
    elb = client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.8.{i}.0/24",
                                 AvailabilityZone=f"us-east-1{zone}")["Subnet"]["SubnetId"]
               for i, zone in ((1, "a"), (2, "b"))]
    lb = elb.create_load_balancer(Name="front-alb", Subnets=subnets,
                                  Tags=[{"Key": "env", "Value": "test"}])["LoadBalancers"][0]
    expect(lb["DNSName"].endswith(".us-east-1.elb.amazonaws.com"), True, "ELB DNSName")
    expect(hasattr(lb["CreatedTime"], "year"), True, "ELB CreatedTime is a timestamp")
    expect(len(lb["AvailabilityZones"]), 2, "ELB zones")
    tg = elb.create_target_group(Name="front-tg", Protocol="HTTP", Port=80, VpcId=vpc,
                                 HealthCheckPath="/health")["TargetGroups"][0]
    expect(tg["HealthCheckIntervalSeconds"], 30, "ELB target group interval")
    listener = elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTPS", Port=443,
        Certificates=[{"CertificateArn": certificate}],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])["Listeners"][0]
    expect(listener["DefaultActions"][0]["ForwardConfig"]["TargetGroups"][0]["Weight"], 1,
           "ELB forward weight")
    elb.create_rule(ListenerArn=listener["ListenerArn"], Priority=7,
                    Conditions=[{"Field": "host-header", "Values": ["api.front.example.com"]}],
                    Actions=[{"Type": "fixed-response",
                              "FixedResponseConfig": {"StatusCode": "404"}}])
    rules = elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
    expect([r["Priority"] for r in rules], ["7", "default"], "ELB rule priorities")
    expect(elb.describe_target_groups(LoadBalancerArn=lb["LoadBalancerArn"])["TargetGroups"][0]
           ["LoadBalancerArns"], [lb["LoadBalancerArn"]], "ELB target group's load balancers")
    attributes = elb.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])
    expect({a["Key"]: a["Value"] for a in attributes["Attributes"]}["idle_timeout.timeout_seconds"],
           "60", "ELB idle timeout")
    tags = elb.describe_tags(ResourceArns=[lb["LoadBalancerArn"]])["TagDescriptions"][0]["Tags"]
    expect(tags, [{"Key": "env", "Value": "test"}], "ELB tags")
    expect(error_code(elb.delete_target_group, TargetGroupArn=tg["TargetGroupArn"]),
           "ResourceInUse", "ELB target group in use")
    expect(error_code(elb.create_load_balancer, Name="lonely", Subnets=subnets[:1]),
           "ValidationError", "ELB one zone")
    expect(error_code(client("acm").delete_certificate, CertificateArn=certificate),
           "ResourceInUseException", "ACM certificate in use")


def main():
    passed = 0
    try:
        certificate = acm_certificates()
        passed += 1
        load_balancer(certificate)
        passed += 1
    except Exception as e:  # noqa: BLE001 - report any failure
        print(f"FAILED after {passed} checks: {type(e).__name__}: {e}")
        return 1
    print(f"ok {passed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
