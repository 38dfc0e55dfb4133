#include "providers/arn_format.h"
#include "providers/progress_event.h"
#include "providers/service_errors.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace cfnlocal::providers {
namespace {

TEST(ArnFormat, TableIsSortedAndCoversTheRegistry) {
  const auto &table = arn_format_table();
  EXPECT_GE(table.size(), 1580u);
  EXPECT_TRUE(std::is_sorted(table.begin(), table.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; }));
}

TEST(ArnFormat, DocumentedShapes) {
  ArnParts p{"aws", "eu-west-1", "111122223333", "thing", "parent"};
  EXPECT_EQ(format_arn(arn_template("AWS::S3::Bucket"), p), "arn:aws:s3:::thing");
  EXPECT_EQ(format_arn(arn_template("AWS::IAM::Role"), p), "arn:aws:iam::111122223333:role/thing");
  EXPECT_EQ(format_arn(arn_template("AWS::Lambda::Function"), p),
            "arn:aws:lambda:eu-west-1:111122223333:function:thing");
  EXPECT_EQ(format_arn(arn_template("AWS::Logs::LogGroup"), p),
            "arn:aws:logs:eu-west-1:111122223333:log-group:thing:*");
  EXPECT_EQ(format_arn(arn_template("AWS::StepFunctions::StateMachine"), p),
            "arn:aws:states:eu-west-1:111122223333:stateMachine:thing");
  EXPECT_EQ(format_arn(arn_template("AWS::EC2::VPC"), p),
            "arn:aws:ec2:eu-west-1:111122223333:vpc/thing");
  EXPECT_EQ(format_arn(arn_template("AWS::ECS::Service"), p),
            "arn:aws:ecs:eu-west-1:111122223333:service/parent/thing");
  EXPECT_EQ(arn_service("AWS::ElasticLoadBalancingV2::LoadBalancer"), "elasticloadbalancing");
  EXPECT_EQ(arn_service("AWS::Custom::Thing"), "custom");
  EXPECT_EQ(dns_suffix("aws-cn"), "amazonaws.com.cn");
}

TEST(ProgressEvent, NamesRoundTrip) {
  EXPECT_STREQ(status_name(OperationStatus::InProgress), "IN_PROGRESS");
  EXPECT_STREQ(error_code_name(HandlerErrorCode::ServiceLimitExceeded), "ServiceLimitExceeded");
  EXPECT_EQ(parse_error_code("AlreadyExists"), HandlerErrorCode::AlreadyExists);
  EXPECT_FALSE(parse_error_code("Nope"));
  auto f = ProgressEvent::failure(HandlerErrorCode::NotFound, "gone");
  EXPECT_TRUE(f.failed());
  EXPECT_EQ(f.message, "gone");
}

TEST(ServiceErrors, Mapping) {
  EXPECT_EQ(error_code_for("BucketAlreadyExists"), HandlerErrorCode::AlreadyExists);
  EXPECT_EQ(error_code_for("ParameterNotFound"), HandlerErrorCode::NotFound);
  EXPECT_EQ(error_code_for("InvalidBucketName"), HandlerErrorCode::InvalidRequest);
  EXPECT_EQ(error_code_for("ThrottlingException"), HandlerErrorCode::Throttling);
  EXPECT_EQ(error_code_for("NotUpdatableException"), HandlerErrorCode::NotUpdatable);
  EXPECT_EQ(error_code_for("ServiceLimitExceededException"),
            HandlerErrorCode::ServiceLimitExceeded);
  EXPECT_EQ(error_code_for("Whatever", 503), HandlerErrorCode::ServiceInternalError);
  EXPECT_EQ(error_code_for("Whatever"), HandlerErrorCode::GeneralServiceException);
  auto e = failure_from(services::ServiceError("InvalidBucketName", "The specified bucket is not "
                                                                    "valid."),
                        "S3");
  EXPECT_EQ(e.message, "Resource handler returned message: \"The specified bucket is not valid. "
                       "(Service: S3, Status Code: 400, Error Code: InvalidBucketName)\" "
                       "(HandlerErrorCode: InvalidRequest)");
}

} // namespace
} // namespace cfnlocal::providers
