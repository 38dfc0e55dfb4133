"""Real boto3 clients against cfnlocal's HTTP front (driven by tests/services/http_front_test.cc).

usage: http_front_clients.py ENDPOINT_URL

One check per protocol: rest-xml (S3, CopyObject too), json (SSM, DynamoDB, SQS, KMS, Secrets
Manager, Logs, CodeCommit, and CloudWatch's JSON with query-compatible error codes), query (IAM,
SNS, STS) and rest-json (Lambda), each with a service error that must come back as
botocore's ClientError with the service's code. Prints "ok N" and exits 0 when every check
passed; prints the failed check and exits 1 otherwise.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
CONFIG = Config(retries={"max_attempts": 1})
CHECKS = []


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
def s3_objects():
    s3 = client("s3")
    s3.create_bucket(Bucket="front-bucket")
    s3.put_object(Bucket="front-bucket", Key="dir/a key.txt", Body=b"hello \xff bytes",
                  ContentType="text/plain", Metadata={"colour": "blue"})
    got = s3.get_object(Bucket="front-bucket", Key="dir/a key.txt")
    expect(got["Body"].read(), b"hello \xff bytes", "S3 GetObject body")
    expect(got["ContentType"], "text/plain", "S3 GetObject ContentType")
    expect(got["Metadata"], {"colour": "blue"}, "S3 GetObject Metadata")
    head = s3.head_object(Bucket="front-bucket", Key="dir/a key.txt")
    expect(head["ContentLength"], 13, "S3 HeadObject ContentLength")
    listed = s3.list_objects_v2(Bucket="front-bucket", Prefix="dir/")
    expect([o["Key"] for o in listed["Contents"]], ["dir/a key.txt"], "S3 ListObjectsV2 keys")
    expect([b["Name"] for b in s3.list_buckets()["Buckets"]], ["front-bucket"], "S3 ListBuckets")
    expect(error_code(s3.get_object, Bucket="front-bucket", Key="missing"), "NoSuchKey",
           "S3 GetObject of a missing key")
    expect(error_code(s3.head_object, Bucket="front-bucket", Key="missing"), "404",
           "S3 HeadObject of a missing key")
    s3.delete_object(Bucket="front-bucket", Key="dir/a key.txt")
    expect(s3.list_objects_v2(Bucket="front-bucket").get("KeyCount"), 0, "S3 after DeleteObject")
    expect(error_code(s3.delete_bucket, Bucket="no-such-bucket-here"), "NoSuchBucket",
           "S3 DeleteBucket of a missing bucket")


@check
def ssm_parameters():
    ssm = client("ssm")
    ssm.put_parameter(Name="/front/p", Value="v1", Type="String")
    expect(ssm.get_parameter(Name="/front/p")["Parameter"]["Value"], "v1", "SSM GetParameter")
    expect(error_code(ssm.get_parameter, Name="/front/missing"), "ParameterNotFound",
           "SSM GetParameter of a missing parameter")


@check
def dynamodb_tables():
    ddb = client("dynamodb")
    ddb.create_table(TableName="front-table", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    expect(ddb.list_tables()["TableNames"], ["front-table"], "DynamoDB ListTables")
    table = ddb.describe_table(TableName="front-table")["Table"]
    expect(table["KeySchema"][0]["AttributeName"], "id", "DynamoDB DescribeTable")
    # Timestamps travel as epoch seconds and come back as datetimes.
    expect(table["CreationDateTime"].year >= 2024, True, "DynamoDB CreationDateTime")
    expect(error_code(ddb.describe_table, TableName="missing"), "ResourceNotFoundException",
           "DynamoDB DescribeTable of a missing table")


@check
def sqs_queues():
    sqs = client("sqs")
    url = sqs.create_queue(QueueName="front-queue", Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
    expect(sqs.get_queue_url(QueueName="front-queue")["QueueUrl"], url, "SQS GetQueueUrl")
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    expect(attrs["VisibilityTimeout"], "45", "SQS GetQueueAttributes")
    expect(error_code(sqs.get_queue_url, QueueName="missing"), "QueueDoesNotExist",
           "SQS GetQueueUrl of a missing queue")


@check
def kms_secrets_and_logs():
    kms = client("kms")
    key = kms.create_key(Description="front key")["KeyMetadata"]
    expect(kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Description"], "front key",
           "KMS DescribeKey")
    secrets = client("secretsmanager")
    secrets.create_secret(Name="front-secret", SecretString="s3cr3t")
    expect(secrets.get_secret_value(SecretId="front-secret")["SecretString"], "s3cr3t",
           "Secrets Manager GetSecretValue")
    logs = client("logs")
    logs.create_log_group(logGroupName="/front/group")
    groups = logs.describe_log_groups(logGroupNamePrefix="/front")["logGroups"]
    expect([g["logGroupName"] for g in groups], ["/front/group"], "Logs DescribeLogGroups")
    expect(error_code(logs.create_log_group, logGroupName="/front/group"),
           "ResourceAlreadyExistsException", "Logs CreateLogGroup twice")


@check
def query_services():
    iam = client("iam")
    iam.create_role(RoleName="front-role", AssumeRolePolicyDocument='{"Version": "2012-10-17", '
                    '"Statement": [{"Effect": "Allow", "Principal": {"Service": '
                    '"lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
                    Tags=[{"Key": "team", "Value": "front"}])
    role = iam.get_role(RoleName="front-role")["Role"]
    expect(role["Tags"], [{"Key": "team", "Value": "front"}], "IAM GetRole tags")
    expect(error_code(iam.get_role, RoleName="missing"), "NoSuchEntity", "IAM GetRole of a missing role")
    sns = client("sns")
    arn = sns.create_topic(Name="front-topic", Attributes={"DisplayName": "Front"})["TopicArn"]
    expect(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"], "Front",
           "SNS GetTopicAttributes")
    expect([t["TopicArn"] for t in sns.list_topics()["Topics"]], [arn], "SNS ListTopics")
    expect(client("sts").get_caller_identity()["Account"], "123456789012", "STS GetCallerIdentity")


@check
def lambda_rest_json():
    lam = client("lambda")
    expect(lam.list_functions()["Functions"], [], "Lambda ListFunctions")
    expect(error_code(lam.get_function, FunctionName="missing"), "ResourceNotFoundException",
           "Lambda GetFunction of a missing function")


@check
def s3_copy_object():
    s3 = client("s3")
    s3.create_bucket(Bucket="copy-bucket")
    s3.put_object(Bucket="copy-bucket", Key="src", Body=b"copied", Metadata={"a": "1"})
    s3.copy_object(Bucket="copy-bucket", Key="dst/x", CopySource={"Bucket": "copy-bucket", "Key": "src"})
    got = s3.get_object(Bucket="copy-bucket", Key="dst/x")
    expect(got["Body"].read(), b"copied", "S3 CopyObject body")
    expect(got["Metadata"], {"a": "1"}, "S3 CopyObject metadata")
    expect(error_code(s3.copy_object, Bucket="copy-bucket", Key="src",
                      CopySource={"Bucket": "copy-bucket", "Key": "src"}),
           "InvalidRequest", "S3 CopyObject onto itself")
    expect(error_code(s3.copy_object, Bucket="copy-bucket", Key="y",
                      CopySource={"Bucket": "copy-bucket", "Key": "missing"}),
           "NoSuchKey", "S3 CopyObject of a missing key")


@check
def cloudwatch_json_query_compatible():
    import datetime
    cw = client("cloudwatch")
    now = datetime.datetime.now(datetime.timezone.utc)
    cw.put_metric_data(Namespace="Front", MetricData=[
        {"MetricName": "Hits", "Value": 3, "Unit": "Count", "Timestamp": now,
         "Dimensions": [{"Name": "Stack", "Value": "s"}]}])
    metrics = cw.list_metrics(Namespace="Front")["Metrics"]
    expect(metrics, [{"Namespace": "Front", "MetricName": "Hits",
                      "Dimensions": [{"Name": "Stack", "Value": "s"}]}], "CloudWatch ListMetrics")
    stats = cw.get_metric_statistics(Namespace="Front", MetricName="Hits",
                                     Dimensions=[{"Name": "Stack", "Value": "s"}],
                                     StartTime=now - datetime.timedelta(minutes=5),
                                     EndTime=now + datetime.timedelta(minutes=5),
                                     Period=60, Statistics=["Sum"])
    expect([d["Sum"] for d in stats["Datapoints"]], [3.0], "CloudWatch GetMetricStatistics")
    expect(error_code(cw.put_metric_data, Namespace="AWS/EC2",
                      MetricData=[{"MetricName": "x", "Value": 1}]),
           "InvalidParameterValue", "CloudWatch PutMetricData in an AWS/ namespace")
    cw.put_metric_alarm(AlarmName="front-alarm", MetricName="Hits", Namespace="Front",
                        Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1,
                        ComparisonOperator="GreaterThanThreshold")
    cw.set_alarm_state(AlarmName="front-alarm", StateValue="ALARM", StateReason="test")
    alarms = cw.describe_alarms(AlarmNames=["front-alarm"])["MetricAlarms"]
    expect([a["StateValue"] for a in alarms], ["ALARM"], "CloudWatch DescribeAlarms state")
    expect(error_code(cw.set_alarm_state, AlarmName="missing", StateValue="OK", StateReason="x"),
           "ResourceNotFound", "CloudWatch SetAlarmState of a missing alarm")
    cw.delete_alarms(AlarmNames=["front-alarm"])


@check
def codecommit_files():
    cc = client("codecommit")
    meta = cc.create_repository(repositoryName="front-repo")["repositoryMetadata"]
    expect(meta["cloneUrlHttp"], "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/front-repo",
           "CodeCommit cloneUrlHttp")
    put = cc.put_file(repositoryName="front-repo", branchName="main", fileContent=b"Hello, world",
                      filePath="README.md", commitMessage="first", name="CloudFormation")
    expect(cc.get_branch(repositoryName="front-repo", branchName="main")["branch"]["commitId"],
           put["commitId"], "CodeCommit GetBranch head")
    got = cc.get_file(repositoryName="front-repo", filePath="README.md")
    expect(got["fileContent"], b"Hello, world", "CodeCommit GetFile content")
    # Git's blob id: sha1(b"blob 12\0Hello, world").
    expect(got["blobId"], "dbe9dba55ea8fd4d5be3868b015e044be0848ec5", "CodeCommit blob id")
    expect(error_code(cc.create_repository, repositoryName="front-repo"),
           "RepositoryNameExistsException", "CodeCommit CreateRepository of a taken name")
    expect(error_code(cc.put_file, repositoryName="front-repo", branchName="main",
                      fileContent=b"again", filePath="README.md"),
           "ParentCommitIdRequiredException", "CodeCommit PutFile without the parent")


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
