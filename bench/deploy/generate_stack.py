#!/usr/bin/env python3
"""Generates a CloudFormation template of N resources for the deploy benchmark.

usage: generate_stack.py N [--out FILE]

Mixed types that both cfnlocal and moto server implement (SQS queues, SNS topics, SSM parameters,
CloudWatch Logs log groups, S3 buckets), wired into Ref / Fn::GetAtt / Fn::Sub chains: every
group of five resources depends on the previous group's queue, so the dependency graph is both
wide and deep. Deterministic: the same N gives the same template.
"""
import argparse, json, sys


def group(i, previous):
    q, t, p, l, b = (f"Queue{i}", f"Topic{i}", f"Param{i}", f"Logs{i}", f"Bucket{i}")
    res = {
        q: {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30 + i % 60}},
        t: {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": [q, "QueueName"]}}},
        p: {"Type": "AWS::SSM::Parameter",
            "Properties": {"Name": {"Fn::Sub": "/bench/${AWS::StackName}/" + p},
                           "Type": "String", "Value": {"Fn::GetAtt": [q, "Arn"]},
                           "Description": {"Fn::Sub": "topic ${" + t + "} of ${AWS::StackName}"}}},
        l: {"Type": "AWS::Logs::LogGroup",
            "Properties": {"LogGroupName": {"Fn::Sub": "/bench/${AWS::StackName}/" + l},
                           "RetentionInDays": 7}},
        b: {"Type": "AWS::S3::Bucket",
            "Properties": {"Tags": [{"Key": "topic", "Value": {"Ref": t}}]}},
    }
    if previous is not None:
        res[q]["Properties"]["RedrivePolicy"] = {
            "deadLetterTargetArn": {"Fn::GetAtt": [f"Queue{previous}", "Arn"]},
            "maxReceiveCount": 5}
    return res


def template(n):
    resources = {}
    groups = (n + 4) // 5
    for i in range(groups):
        # Chains of depth 10: group i depends on group i-1 unless i is a multiple of 10.
        previous = i - 1 if i % 10 else None
        resources.update(group(i, previous))
    names = list(resources)[:n]
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Generated benchmark stack of {n} resources",
        "Resources": {k: resources[k] for k in names},
        "Outputs": {"FirstQueueArn": {"Value": {"Fn::GetAtt": ["Queue0", "Arn"]}}},
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int)
    p.add_argument("--out", default="-")
    a = p.parse_args()
    text = json.dumps(template(a.n), indent=1)
    if a.out == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(a.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
