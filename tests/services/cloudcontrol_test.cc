#include "fixture.h"

namespace cfnlocal::services {
namespace {

class CloudControlTest : public EmbeddedTest {};

TEST_F(CloudControlTest, CreateGetUpdateDeleteList) {
  Json created = call("cloudcontrol", "CreateResource",
                      {{"TypeName", "AWS::SQS::Queue"},
                       {"Identifier", "https://sqs/q1"},
                       {"DesiredState", R"({"QueueName":"q1","DelaySeconds":5})"}});
  EXPECT_EQ(created["ProgressEvent"]["OperationStatus"], "SUCCESS");
  EXPECT_EQ(created["ProgressEvent"]["Operation"], "CREATE");
  EXPECT_EQ(created["ProgressEvent"]["Identifier"], "https://sqs/q1");
  std::string token = created["ProgressEvent"]["RequestToken"];
  EXPECT_EQ(call("cloudcontrol", "GetResourceRequestStatus",
                 {{"RequestToken", token}})["ProgressEvent"]["Operation"],
            "CREATE");

  Json got = call("cloudcontrol", "GetResource",
                  {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "https://sqs/q1"}});
  EXPECT_EQ(
      Json::parse(got["ResourceDescription"]["Properties"].get<std::string>())["DelaySeconds"], 5);

  Json patch = Json::array({{{"op", "replace"}, {"path", "/DelaySeconds"}, {"value", 9}},
                            {{"op", "add"}, {"path", "/Tags"}, {"value", Json::array()}}});
  Json updated = call("cloudcontrol", "UpdateResource",
                      {{"TypeName", "AWS::SQS::Queue"},
                       {"Identifier", "https://sqs/q1"},
                       {"PatchDocument", patch.dump()}});
  EXPECT_EQ(
      Json::parse(updated["ProgressEvent"]["ResourceModel"].get<std::string>())["DelaySeconds"], 9);

  for (int i = 0; i < 5; ++i)
    call("cloudcontrol", "CreateResource",
         {{"TypeName", "AWS::SNS::Topic"},
          {"Identifier", "t" + std::to_string(i)},
          {"DesiredState", Json{{"TopicName", "t" + std::to_string(i)}}}});
  Json page =
      call("cloudcontrol", "ListResources", {{"TypeName", "AWS::SNS::Topic"}, {"MaxResults", 3}});
  ASSERT_EQ(page["ResourceDescriptions"].size(), 3u);
  ASSERT_TRUE(page.contains("NextToken"));
  Json rest = call("cloudcontrol", "ListResources",
                   {{"TypeName", "AWS::SNS::Topic"}, {"NextToken", page["NextToken"]}});
  ASSERT_EQ(rest["ResourceDescriptions"].size(), 2u);
  EXPECT_EQ(rest["ResourceDescriptions"][0]["Identifier"], "t3");
  EXPECT_FALSE(rest.contains("NextToken"));
  EXPECT_EQ(call("cloudcontrol", "ListResources",
                 {{"TypeName", "AWS::SQS::Queue"}})["ResourceDescriptions"]
                .size(),
            1u);

  Json deleted = call("cloudcontrol", "DeleteResource",
                      {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "https://sqs/q1"}});
  EXPECT_EQ(deleted["ProgressEvent"]["Operation"], "DELETE");
  EXPECT_EQ(error_of("cloudcontrol", "GetResource",
                     {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "https://sqs/q1"}}),
            "ResourceNotFoundException");
}

TEST_F(CloudControlTest, Errors) {
  Json in = {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "q"}, {"DesiredState", "{}"}};
  call("cloudcontrol", "CreateResource", in);
  EXPECT_EQ(error_of("cloudcontrol", "CreateResource", in), "AlreadyExistsException");
  EXPECT_EQ(error_of("cloudcontrol", "CreateResource",
                     {{"TypeName", "AWS::SQS::Queue"}, {"DesiredState", "{}"}}),
            "InvalidRequestException");
  EXPECT_EQ(error_of("cloudcontrol", "CreateResource",
                     {{"TypeName", "Not-A-Type"}, {"Identifier", "x"}, {"DesiredState", "{}"}}),
            "ValidationException");
  EXPECT_EQ(
      error_of("cloudcontrol", "CreateResource",
               {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "y"}, {"DesiredState", "{bad"}}),
      "InvalidRequestException");
  EXPECT_EQ(error_of("cloudcontrol", "UpdateResource",
                     {{"TypeName", "AWS::SQS::Queue"},
                      {"Identifier", "q"},
                      {"PatchDocument", R"([{"op":"remove","path":"/Missing"}])"}}),
            "InvalidRequestException");
  EXPECT_EQ(
      error_of("cloudcontrol", "UpdateResource",
               {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "nope"}, {"PatchDocument", "[]"}}),
      "ResourceNotFoundException");
  EXPECT_EQ(error_of("cloudcontrol", "DeleteResource",
                     {{"TypeName", "AWS::SQS::Queue"}, {"Identifier", "nope"}}),
            "ResourceNotFoundException");
  EXPECT_EQ(error_of("cloudcontrol", "GetResourceRequestStatus", {{"RequestToken", "nope"}}),
            "RequestTokenNotFoundException");
  EXPECT_EQ(error_of("cloudcontrol", "Frobnicate", Json::object()), "InvalidAction");
  EXPECT_EQ(error_of("appmesh", "CreateMesh", Json::object()), "InvalidAction");
}

TEST_F(CloudControlTest, RecordsSurviveReopeningAndAreRegional) {
  call("cloudcontrol", "CreateResource",
       {{"TypeName", "AWS::SNS::Topic"}, {"Identifier", "t"}, {"DesiredState", "{}"}});
  state::Store again(store_->path());
  EmbeddedBackend other(again, "us-east-1", "123456789012");
  EXPECT_NO_THROW(other.call("cloudcontrol", "GetResource",
                             {{"TypeName", "AWS::SNS::Topic"}, {"Identifier", "t"}}));
  EmbeddedBackend west(again, "us-west-2", "123456789012");
  EXPECT_THROW(west.call("cloudcontrol", "GetResource",
                         {{"TypeName", "AWS::SNS::Topic"}, {"Identifier", "t"}}),
               ServiceError);
}

} // namespace
} // namespace cfnlocal::services
