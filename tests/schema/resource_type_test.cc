#include "parser/diagnostic.h"
#include "schema/registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cfnlocal::schema {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

const ResourceType &type(const char *name) {
  const ResourceType *t = Registry::builtin().find(name);
  if (t == nullptr) {
    throw std::runtime_error(std::string("missing type ") + name);
  }
  return *t;
}

TEST(ResourceType, S3BucketFacts) {
  const auto &t = type("AWS::S3::Bucket");
  EXPECT_THAT(t.primary_identifier(), ElementsAre("/properties/BucketName"));
  EXPECT_THAT(t.read_only_properties(), Contains("/properties/Arn"));
  EXPECT_THAT(t.read_only_properties(), Contains("/properties/DomainName"));
  EXPECT_THAT(t.create_only_properties(), Contains("/properties/BucketName"));
  EXPECT_THAT(t.write_only_properties(), Contains("/properties/AccessControl"));
  EXPECT_EQ(t.replacement_strategy(), ReplacementStrategy::CreateThenDelete);
  EXPECT_TRUE(t.tagging().taggable);
  EXPECT_EQ(t.tagging().tag_property, "/properties/Tags");
  EXPECT_EQ(t.update_behavior({"BucketName"}), UpdateBehavior::CreateOnly);
  EXPECT_EQ(t.update_behavior({"VersioningConfiguration", "Status"}), UpdateBehavior::Mutable);
  EXPECT_TRUE(t.accepts_attribute("Arn"));
  EXPECT_TRUE(t.accepts_attribute("WebsiteURL"));
  EXPECT_TRUE(t.accepts_attribute("RegionalDomainName"));
  EXPECT_FALSE(t.accepts_attribute("BucketName")) << "BucketName is Ref, not GetAtt";
  EXPECT_EQ(t.attribute_pointer("DomainName"), "/properties/DomainName");
  ASSERT_NE(t.attribute_schema("Arn"), nullptr);
  EXPECT_EQ((*t.attribute_schema("Arn"))["type"], "string");
}

TEST(ResourceType, SqsQueueFacts) {
  const auto &t = type("AWS::SQS::Queue");
  EXPECT_THAT(t.primary_identifier(), ElementsAre("/properties/QueueUrl"));
  EXPECT_THAT(t.read_only_properties(), ElementsAre("/properties/QueueUrl", "/properties/Arn"));
  EXPECT_THAT(t.create_only_properties(),
              ElementsAre("/properties/FifoQueue", "/properties/QueueName"));
  EXPECT_FALSE(t.tagging().cloudformation_system_tags);
  EXPECT_TRUE(t.accepts_attribute("QueueName"));
  EXPECT_TRUE(t.accepts_attribute("RedrivePolicy.deadLetterTargetArn"));
  EXPECT_FALSE(t.accepts_attribute("Nope"));
  const Json *delay = t.property_schema({"DelaySeconds"});
  ASSERT_NE(delay, nullptr);
  EXPECT_EQ((*delay)["type"], "integer");
  EXPECT_EQ((*delay)["maximum"], 900);
  EXPECT_TRUE(t.is_read_only({"Arn"}));
  EXPECT_FALSE(t.is_read_only({"QueueName"}));
}

TEST(ResourceType, LambdaFunctionFacts) {
  const auto &t = type("AWS::Lambda::Function");
  EXPECT_THAT(t.primary_identifier(), ElementsAre("/properties/FunctionName"));
  EXPECT_THAT(t.required_properties(), ElementsAre("Code", "Role"));
  EXPECT_THAT(t.create_only_properties(), Contains("/properties/FunctionName"));
  EXPECT_THAT(t.conditional_create_only_properties(), Contains("/properties/DurableConfig"));
  EXPECT_EQ(t.update_behavior({"DurableConfig", "Anything"}),
            UpdateBehavior::ConditionalCreateOnly);
  EXPECT_TRUE(t.is_write_only({"Code", "ZipFile"}));
  EXPECT_FALSE(t.is_write_only({"Handler"}));
  EXPECT_TRUE(t.accepts_attribute("Arn"));
  EXPECT_TRUE(t.accepts_attribute("SnapStartResponse.ApplyOn"));
  // A property's schema, $refs resolved, nested and through arrays.
  const Json *subnets = t.property_schema({"VpcConfig", "SubnetIds"});
  ASSERT_NE(subnets, nullptr);
  EXPECT_EQ((*subnets)["type"], "array");
  const Json *subnet = t.property_schema({"VpcConfig", "SubnetIds", "0"});
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ((*subnet)["type"], "string");
  EXPECT_EQ(t.property_schema({"VpcConfig", "Nope"}), nullptr);
  const Json *runtime = t.property_schema({"Runtime"});
  ASSERT_NE(runtime, nullptr);
  EXPECT_TRUE(runtime->contains("enum"));
}

TEST(ResourceType, Ec2InstanceFacts) {
  const auto &t = type("AWS::EC2::Instance");
  EXPECT_THAT(t.primary_identifier(), ElementsAre("/properties/InstanceId"));
  EXPECT_EQ(t.update_behavior({"ImageId"}), UpdateBehavior::CreateOnly);
  EXPECT_EQ(t.update_behavior({"AvailabilityZone"}), UpdateBehavior::CreateOnly);
  EXPECT_EQ(t.update_behavior({"InstanceType"}), UpdateBehavior::ConditionalCreateOnly);
  EXPECT_EQ(t.update_behavior({"UserData"}), UpdateBehavior::ConditionalCreateOnly);
  EXPECT_EQ(t.update_behavior({"Tags"}), UpdateBehavior::Mutable);
  // Array wildcards in pointers match indices of the path.
  EXPECT_TRUE(t.is_write_only({"BlockDeviceMappings", "3", "NoDevice"}));
  EXPECT_FALSE(t.is_write_only({"BlockDeviceMappings", "3", "DeviceName"}));
  // GetAtt of a writable property (as DESIGN.md notes) and of a read-only one.
  EXPECT_TRUE(t.accepts_attribute("AvailabilityZone"));
  EXPECT_TRUE(t.accepts_attribute("PrivateIp"));
  EXPECT_TRUE(t.accepts_attribute("CpuOptions.CoreCount"));
  EXPECT_FALSE(t.accepts_attribute("CpuOptionsXCoreCount"));
}

TEST(ResourceType, RdsDbInstanceFacts) {
  const auto &t = type("AWS::RDS::DBInstance");
  EXPECT_THAT(t.primary_identifier(), ElementsAre("/properties/DBInstanceIdentifier"));
  EXPECT_THAT(t.deprecated_properties(),
              ElementsAre("/properties/TdeCredentialArn", "/properties/TdeCredentialPassword"));
  EXPECT_THAT(t.read_only_properties(), Contains("/properties/Endpoint/Address"));
  EXPECT_EQ(t.update_behavior({"DBInstanceIdentifier"}), UpdateBehavior::CreateOnly);
  EXPECT_EQ(t.update_behavior({"Engine"}), UpdateBehavior::ConditionalCreateOnly);
  EXPECT_TRUE(t.accepts_attribute("Endpoint.Address"));
  EXPECT_EQ(t.attribute_pointer("Endpoint.Port"), "/properties/Endpoint/Port");
  EXPECT_TRUE(t.is_write_only({"MasterUserPassword"}));
}

TEST(ResourceType, ReplacementStrategyAndPatternAttributes) {
  EXPECT_EQ(type("AWS::Backup::RestoreTestingSelection").replacement_strategy(),
            ReplacementStrategy::DeleteThenCreate);
  EXPECT_STREQ(replacement_strategy_name(ReplacementStrategy::DeleteThenCreate),
               "delete_then_create");
  const auto &stack = type("AWS::CloudFormation::Stack");
  EXPECT_TRUE(stack.accepts_attribute("Outputs.BucketName"));
  EXPECT_FALSE(stack.accepts_attribute("Output.BucketName"));
  ASSERT_NE(stack.attribute_schema("Outputs.X"), nullptr);
  EXPECT_EQ((*stack.attribute_schema("Outputs.X"))["type"], "string");
}

TEST(ResourceType, HandlersUnknownInTheShippedSchemas) {
  const auto &t = type("AWS::SQS::Queue");
  EXPECT_FALSE(t.handlers_known());
  EXPECT_TRUE(t.has_handler("create"));
  EXPECT_FALSE(t.has_handler("list"));
  ResourceType with({{"typeName", "A::B::C"}, {"x-handlers", {"create", "delete", "read"}}});
  EXPECT_TRUE(with.handlers_known());
  EXPECT_TRUE(with.has_handler("delete"));
  EXPECT_FALSE(with.has_handler("update"));
}

TEST(ResourceType, CreateOnlyDescendants) {
  ResourceType t({{"typeName", "A::B::C"},
                  {"createOnlyProperties", {"/properties/Config/Name"}},
                  {"properties", {{"Config", {{"type", "object"}}}}}});
  EXPECT_EQ(t.update_behavior({"Config"}), UpdateBehavior::Mutable);
  EXPECT_TRUE(t.has_create_only_descendant({"Config"}));
  EXPECT_EQ(t.update_behavior({"Config", "Name"}), UpdateBehavior::CreateOnly);
  EXPECT_FALSE(t.has_create_only_descendant({"Config", "Name"}));
  EXPECT_THROW(ResourceType(Json{{"typeName", "A::B::C"},
                                 {"properties", {{"X", {{"$ref", "#/definitions/Missing"}}}}}}),
               Error);
}

} // namespace
} // namespace cfnlocal::schema
