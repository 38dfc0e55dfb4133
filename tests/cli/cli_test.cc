// The `cfnlocal` command as users run it: exit statuses, error format, JSON shapes, plan.
#include "parser/json.h"

#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Invocation {
  int status;
  std::string out;
};

class Cli : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cfnlocal-cli-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string &name, const std::string &text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  // Runs the binary with `args` (stderr merged into the output) in the test's folder.
  Invocation run(const std::string &args) {
    std::string command =
        "cd '" + dir_.string() + "' && '" + CFNLOCAL_BINARY + "' " + args + " 2>&1";
    FILE *pipe = popen(command.c_str(), "r");
    std::string out;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
      out.append(buffer.data(), n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }

  std::filesystem::path dir_;
};

const char *kTemplate = R"(Parameters:
  Name:
    Type: String
    Default: one
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Ref Name
Outputs:
  TopicArn:
    Value: !Ref Topic
)";

} // namespace

TEST_F(Cli, UnknownOptionIsAUsageError) { EXPECT_EQ(run("deploy --no-such-option").status, 64); }

TEST_F(Cli, BadTemplateReportsFileLineColumn) {
  write("bad.yaml", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: X\n");
  Invocation r = run("deploy --stack-name s --template-file bad.yaml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cfnlocal: bad.yaml:4:3: error: duplicate key 'A'"), std::string::npos)
      << r.out;
}

TEST_F(Cli, DeployDescribePlanAndDelete) {
  write("t.yaml", kTemplate);
  Invocation deployed = run("deploy --stack-name s --template-file t.yaml --output json");
  ASSERT_EQ(deployed.status, 0) << deployed.out;
  Invocation described = run("describe-stacks --stack-name s --output json");
  ASSERT_EQ(described.status, 0);
  auto json = cfnlocal::Json::parse(described.out);
  EXPECT_EQ(json["Stacks"][0]["StackStatus"], "CREATE_COMPLETE");
  EXPECT_EQ(json["Stacks"][0]["Outputs"][0]["OutputKey"], "TopicArn");

  EXPECT_EQ(run("plan --stack-name s --template-file t.yaml --detailed-exitcode").status, 0);
  Invocation plan = run("plan --stack-name s --template-file t.yaml --parameter-overrides Name=two "
                        "--detailed-exitcode --output text");
  EXPECT_EQ(plan.status, 2) << plan.out;
  EXPECT_NE(plan.out.find("~ Topic"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("Plan: 0 to add, 1 to change, 0 to replace, 0 to remove."),
            std::string::npos)
      << plan.out;

  Invocation events = run("describe-stack-events --stack-name s --output json");
  EXPECT_GE(cfnlocal::Json::parse(events.out)["StackEvents"].size(), 4u);
  EXPECT_EQ(run("delete-stack --stack-name s").status, 0);
  Invocation missing = run("describe-stacks --stack-name s");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("Stack with id s does not exist"), std::string::npos);
}

TEST_F(Cli, DriftDetectedAfterAChangeThroughTheServicesVerb) {
  write("app.yaml", R"(Resources:
  Setting:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/colour
      Type: String
      Value: blue
)");
  ASSERT_EQ(run("deploy --stack-name app --template-file app.yaml --output json").status, 0);
  auto in_sync = run("detect-stack-drift --stack-name app --output json");
  ASSERT_EQ(in_sync.status, 0) << in_sync.out;
  auto id = cfnlocal::Json::parse(in_sync.out)["StackDriftDetectionId"].get<std::string>();
  auto status = run("describe-stack-drift-detection-status --stack-drift-detection-id " + id +
                    " --output json");
  ASSERT_EQ(status.status, 0) << status.out;
  EXPECT_EQ(cfnlocal::Json::parse(status.out)["StackDriftStatus"], "IN_SYNC");

  auto put = run("services ssm put-parameter --name /app/colour --value green --overwrite true "
                 "--output json");
  ASSERT_EQ(put.status, 0) << put.out;
  auto got = run("services ssm get-parameter --name /app/colour --output json");
  ASSERT_EQ(got.status, 0) << got.out;
  EXPECT_EQ(cfnlocal::Json::parse(got.out)["Parameter"]["Value"], "green");

  ASSERT_EQ(run("detect-stack-drift --stack-name app --output json").status, 0);
  auto drifts = run("describe-stack-resource-drifts --stack-name app --output json");
  ASSERT_EQ(drifts.status, 0) << drifts.out;
  auto list = cfnlocal::Json::parse(drifts.out)["StackResourceDrifts"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["StackResourceDriftStatus"], "MODIFIED");
  EXPECT_EQ(list[0]["PropertyDifferences"][0]["PropertyPath"], "/Value");
  EXPECT_EQ(list[0]["PropertyDifferences"][0]["ActualValue"], "green");

  auto missing = run("services ssm get-parameter --name /nope --output json");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("ParameterNotFound"), std::string::npos) << missing.out;
}

TEST_F(Cli, ServicesMembersAreReadByTheirModelType) {
  // A JSON document given to a string member is the string (as `aws secretsmanager
  // create-secret --secret-string '{...}'`), an integer member takes a number.
  auto created = run(
      R"(services secretsmanager create-secret --name app-pw --secret-string '{"password":"s3cret"}' --output json)");
  ASSERT_EQ(created.status, 0) << created.out;
  auto value = run("services secretsmanager get-secret-value --secret-id app-pw --output json");
  ASSERT_EQ(value.status, 0) << value.out;
  EXPECT_EQ(cfnlocal::Json::parse(value.out)["SecretString"], R"({"password":"s3cret"})");

  ASSERT_EQ(run("services logs create-log-group --log-group-name /app --output json").status, 0);
  auto retention = run("services logs put-retention-policy --log-group-name /app "
                       "--retention-in-days 7 --output json");
  ASSERT_EQ(retention.status, 0) << retention.out;
  auto groups = run("services logs describe-log-groups --output json");
  EXPECT_EQ(cfnlocal::Json::parse(groups.out)["logGroups"][0]["retentionInDays"], 7);

  auto not_a_number = run("services logs put-retention-policy --log-group-name /app "
                          "--retention-in-days seven");
  EXPECT_EQ(not_a_number.status, 1);
  EXPECT_NE(not_a_number.out.find("--retention-in-days: not valid JSON: seven"), std::string::npos)
      << not_a_number.out;
  auto unknown = run("services logs create-log-group --log-group-nam /x");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.out.find("logs CreateLogGroup has no member --log-group-nam"),
            std::string::npos)
      << unknown.out;
}

TEST_F(Cli, TransformAndDeployReadIncludesAndLoops) {
  ASSERT_EQ(run("services s3 create-bucket --bucket snippets --output json").status, 0);
  auto put = run("services s3 put-object --bucket snippets --key topic.yaml --body "
                 "'Topic: {Type: AWS::SNS::Topic}' --output json");
  ASSERT_EQ(put.status, 0) << put.out;
  write("queue.yaml", "VisibilityTimeout: 45\n");
  write("t.yaml", R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://snippets/topic.yaml
  Fn::ForEach::Queues:
    - Name
    - [a, b]
    - Queue${Name}:
        Type: AWS::SQS::Queue
        Properties:
          Fn::Transform:
            Name: AWS::Include
            Parameters:
              Location: queue.yaml
)");
  auto t = run("transform t.yaml");
  ASSERT_EQ(t.status, 0) << t.out;
  auto processed = cfnlocal::Json::parse(t.out);
  EXPECT_EQ(processed["Resources"]["Topic"]["Type"], "AWS::SNS::Topic");
  EXPECT_EQ(processed["Resources"]["Queueb"]["Properties"]["VisibilityTimeout"], 45);
  auto deployed = run("deploy --stack-name inc --template-file t.yaml --output json");
  ASSERT_EQ(deployed.status, 0) << deployed.out;
  EXPECT_EQ(run("delete-stack --stack-name inc").status, 0);

  write("bad.yaml", R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [a, b]
    - Queue:
        Type: AWS::SQS::Queue
)");
  auto bad = run("transform bad.yaml");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find("cfnlocal: bad.yaml:6:7: error: Transform AWS::LanguageExtensions "
                         "failed with: the OutputKey Queue"),
            std::string::npos)
      << bad.out;
}

/// The start of a template whose functions run as `Role` (Lambda may assume it).
constexpr const char *kResourcesWithLambdaRole = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
)";

TEST_F(Cli, InvokeAndLogsAFunctionOfAStack) {
  if (std::system("command -v python3 >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3";
  write("fn.yaml", std::string(kResourcesWithLambdaRole) + R"(  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: |
          def handler(event, context):
              print("saying hello to", event["who"])
              if event["who"] == "nobody":
                  raise RuntimeError("no one to greet")
              return {"greeting": "hello " + event["who"]}
)");
  ASSERT_EQ(
      run("deploy --stack-name s --template-file fn.yaml --capabilities CAPABILITY_IAM").status, 0);
  auto ok = run("invoke Fn --stack-name s --output text --payload '{\"who\": \"cli\"}'");
  ASSERT_EQ(ok.status, 0) << ok.out;
  EXPECT_NE(ok.out.find("{\"greeting\": \"hello cli\"}"), std::string::npos) << ok.out;
  auto failed = run("invoke Fn --stack-name s --payload '{\"who\": \"nobody\"}'");
  EXPECT_EQ(failed.status, 1) << failed.out;
  EXPECT_NE(failed.out.find("no one to greet"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("RuntimeError"), std::string::npos) << failed.out;
  auto logs = run("logs Fn --stack-name s");
  ASSERT_EQ(logs.status, 0) << logs.out;
  EXPECT_NE(logs.out.find("saying hello to cli"), std::string::npos) << logs.out;
  EXPECT_NE(logs.out.find("REPORT RequestId:"), std::string::npos) << logs.out;
  auto filtered = run("logs Fn --stack-name s --filter-pattern nobody --output json");
  ASSERT_EQ(filtered.status, 0) << filtered.out;
  cfnlocal::Json j = cfnlocal::Json::parse(filtered.out);
  EXPECT_EQ(j["events"].size(), 1u) << filtered.out;
  EXPECT_EQ(run("invoke NoSuchFunction").status, 1);
  EXPECT_EQ(run("invoke Fn --stack-name s --payload '{bad'").status, 1);
}

TEST_F(Cli, CustomResourceCodeCallsTheServicesWithBoto3) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  write("cr.yaml", std::string(kResourcesWithLambdaRole) + R"(  Writer:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Timeout: 60
      Code:
        ZipFile: |
          import boto3, cfnresponse
          def handler(event, context):
              ssm = boto3.client("ssm")
              props = event["ResourceProperties"]
              if event["RequestType"] == "Delete":
                  ssm.delete_parameter(Name=props["Name"])
                  value = ""
              else:
                  ssm.put_parameter(Name=props["Name"], Value=props["Value"], Type="String",
                                    Overwrite=True)
                  value = ssm.get_parameter(Name=props["Name"])["Parameter"]["Value"]
              cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Value": value}, props["Name"])
  Parameter:
    Type: Custom::Parameter
    Properties:
      ServiceToken: !GetAtt Writer.Arn
      Name: /written/by/handler
      Value: from-boto3
Outputs:
  ReadBack:
    Value: !GetAtt Parameter.Value
)");
  auto deployed = run("deploy --stack-name cr --template-file cr.yaml --capabilities "
                      "CAPABILITY_IAM --output json");
  ASSERT_EQ(deployed.status, 0) << deployed.out;
  EXPECT_NE(deployed.out.find("\"OutputValue\": \"from-boto3\""), std::string::npos)
      << deployed.out;
  auto read = run("services ssm get-parameter --name /written/by/handler --output json");
  ASSERT_EQ(read.status, 0) << read.out;
  EXPECT_EQ(cfnlocal::Json::parse(read.out)["Parameter"]["Value"], "from-boto3");
  ASSERT_EQ(run("delete-stack --stack-name cr").status, 0);
  EXPECT_EQ(run("services ssm get-parameter --name /written/by/handler").status, 1);
}

TEST_F(Cli, CustomResourceCodeReadsAnotherStackThroughCloudFormation) {
  if (std::system("command -v python3 >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3";
  write("network.yaml", R"(Resources:
  Topic: {Type: AWS::SNS::Topic}
Outputs:
  TopicArn:
    Value: !Ref Topic
    Export: {Name: network-topic}
)");
  ASSERT_EQ(run("deploy --stack-name network --template-file network.yaml").status, 0);
  write("reader.yaml", std::string(kResourcesWithLambdaRole) + R"(  Reader:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Timeout: 60
      Code:
        ZipFile: |
          import boto3, cfnresponse
          def handler(event, context):
              cfn = boto3.client("cloudformation")
              name = event["ResourceProperties"]["StackName"]
              stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
              outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
              resources = cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
              imports = [e["Name"] for e in cfn.list_exports()["Exports"]]
              try:
                  cfn.describe_stacks(StackName="missing")
                  missing = "found"
              except cfn.exceptions.ClientError as e:
                  missing = e.response["Error"]["Code"]
              cfnresponse.send(event, context, cfnresponse.SUCCESS,
                               {"TopicArn": outputs["TopicArn"], "Status": stack["StackStatus"],
                                "Types": ",".join(r["ResourceType"] for r in resources),
                                "Exports": ",".join(imports), "Missing": missing})
  Lookup:
    Type: Custom::StackLookup
    Properties:
      ServiceToken: !GetAtt Reader.Arn
      StackName: network
Outputs:
  TopicArn: {Value: !GetAtt Lookup.TopicArn}
  Status: {Value: !GetAtt Lookup.Status}
  Types: {Value: !GetAtt Lookup.Types}
  Exports: {Value: !GetAtt Lookup.Exports}
  Missing: {Value: !GetAtt Lookup.Missing}
)");
  auto deployed = run("deploy --stack-name reader --template-file reader.yaml --capabilities "
                      "CAPABILITY_IAM --output json");
  ASSERT_EQ(deployed.status, 0) << deployed.out;
  std::map<std::string, std::string> outputs;
  // The JSON on stdout, before the closing message on stderr.
  std::string json = deployed.out.substr(0, deployed.out.rfind("\n}") + 2);
  cfnlocal::Json stack = cfnlocal::Json::parse(json)["Stacks"][0];
  for (const auto &o : stack["Outputs"])
    outputs[o["OutputKey"]] = o["OutputValue"];
  EXPECT_THAT(outputs["TopicArn"], ::testing::StartsWith("arn:aws:sns:us-east-1:"));
  EXPECT_EQ(outputs["Status"], "CREATE_COMPLETE");
  EXPECT_EQ(outputs["Types"], "AWS::SNS::Topic");
  EXPECT_EQ(outputs["Exports"], "network-topic");
  EXPECT_EQ(outputs["Missing"], "ValidationError");
}

TEST_F(Cli, ServicesServeAnswersTheAwsCli) {
  if (std::system("command -v aws >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no aws CLI";
  ASSERT_EQ(run("services sqs create-queue --queue-name served-queue").status, 0);
  write("out.yaml",
        "Resources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  Word: {Value: served}\n");
  ASSERT_EQ(run("deploy --stack-name served-stack --template-file out.yaml").status, 0);
  std::string command = "cd '" + dir_.string() + "' && exec '" + CFNLOCAL_BINARY +
                        "' services serve --output json > serve.json 2>&1";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  std::string url;
  for (int i = 0; i < 100 && url.empty(); ++i) {
    usleep(50 * 1000);
    std::ifstream in(dir_ / "serve.json");
    std::string line;
    if (std::getline(in, line) && !line.empty())
      url = cfnlocal::Json::parse(line).value("EndpointUrl", "");
  }
  ASSERT_FALSE(url.empty());
  auto aws = [&](const std::string &args) {
    std::string line = "AWS_ACCESS_KEY_ID=any AWS_SECRET_ACCESS_KEY=any "
                       "AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url " +
                       url + " " + args + " 2>&1";
    FILE *pipe = popen(line.c_str(), "r");
    std::string out;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
      out.append(buffer.data(), n);
    pclose(pipe);
    return out;
  };
  std::string queues = aws("sqs list-queues");
  std::string created = aws("s3api create-bucket --bucket served-bucket");
  std::string buckets = aws("s3api list-buckets");
  std::string missing = aws("dynamodb describe-table --table-name missing");
  std::string stacks = aws("cloudformation describe-stacks --stack-name served-stack");
  std::string no_stack = aws("cloudformation describe-stacks --stack-name nope");
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(queues.find("served-queue"), std::string::npos) << queues;
  EXPECT_NE(buckets.find("\"Name\": \"served-bucket\""), std::string::npos) << created << buckets;
  EXPECT_NE(missing.find("ResourceNotFoundException"), std::string::npos) << missing;
  // The CloudFormation read API answers from the stacks of the state file.
  EXPECT_NE(stacks.find("\"OutputValue\": \"served\""), std::string::npos) << stacks;
  EXPECT_NE(no_stack.find("ValidationError"), std::string::npos) << no_stack;
  EXPECT_NE(no_stack.find("Stack with id nope does not exist"), std::string::npos) << no_stack;
}

TEST_F(Cli, CustomResourceCodeWritesRoute53RecordsWithBoto3) {
  if (std::system("python3 -c 'import boto3' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with boto3";
  // What domain-verification custom resources do: UPSERT a TXT record in the stack's zone, wait
  // for the change, and DELETE it when the stack goes (before the zone, which depends on it).
  write("dns.yaml", std::string(kResourcesWithLambdaRole) + R"(  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: verify.example.com
  Verifier:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Timeout: 60
      Code:
        ZipFile: |
          import boto3, cfnresponse
          def handler(event, context):
              r53 = boto3.client("route53")
              props = event["ResourceProperties"]
              record = {"Type": "TXT", "Name": props["Name"], "TTL": 300,
                        "ResourceRecords": [{"Value": '"%s"' % props["Token"]}]}
              action = "DELETE" if event["RequestType"] == "Delete" else "UPSERT"
              change = r53.change_resource_record_sets(HostedZoneId=props["Zone"], ChangeBatch={
                  "Changes": [{"Action": action, "ResourceRecordSet": record}]})
              r53.get_waiter("resource_record_sets_changed").wait(Id=change["ChangeInfo"]["Id"])
              cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Name": props["Name"]},
                               props["Name"])
  Verification:
    Type: Custom::Verification
    Properties:
      ServiceToken: !GetAtt Verifier.Arn
      Zone: !Ref Zone
      Name: _token.verify.example.com
      Token: abc123
Outputs:
  Zone:
    Value: !Ref Zone
)");
  auto deployed = run("deploy --stack-name dns --template-file dns.yaml --capabilities "
                      "CAPABILITY_IAM --output json");
  ASSERT_EQ(deployed.status, 0) << deployed.out;
  auto listed = run("services route53 list-hosted-zones-by-name --output json");
  ASSERT_EQ(listed.status, 0) << listed.out;
  std::string zone = cfnlocal::Json::parse(listed.out)["HostedZones"][0]["Id"];
  auto records =
      run("services route53 list-resource-record-sets --hosted-zone-id " + zone + " --output json");
  ASSERT_EQ(records.status, 0) << records.out;
  EXPECT_NE(records.out.find("\"_token.verify.example.com.\""), std::string::npos) << records.out;
  EXPECT_NE(records.out.find("\\\"abc123\\\""), std::string::npos) << records.out;
  // The custom resource removes its record, so the zone can go.
  auto deleted = run("delete-stack --stack-name dns");
  EXPECT_EQ(deleted.status, 0) << deleted.out;
  EXPECT_EQ(run("services route53 get-hosted-zone --id " + zone).status, 1);
}
