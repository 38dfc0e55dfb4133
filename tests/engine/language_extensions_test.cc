// Deploying templates that use AWS::LanguageExtensions and AWS::Include: the engine hands the
// transforms the stack's parameters and pseudo parameters, and reads S3 snippets from its own
// object store.

#include "engine_fixture.h"
#include "services/backend.h"

#include <functional>

namespace cfnlocal::engine::testing {
namespace {

/// The failure a deploy reports, whether as a thrown user error or a failed result.
std::string failure_of(const std::function<OperationResult()> &run) {
  try {
    OperationResult r = run();
    return r.succeeded ? "succeeded" : r.message;
  } catch (const Error &e) {
    return e.diagnostic().str();
  }
}

TEST_F(EngineTest, ForEachResourcesDeployAndDelete) {
  auto result = deploy("loops", R"(
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
  Stage:
    Type: String
    Default: Prod
Conditions:
  IsProd: !Equals [!Ref Stage, Prod]
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - Queue${Name}:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub ${AWS::StackName}-${Name}
          DelaySeconds:
            Fn::Length: !Ref Names
        DeletionPolicy: !If [IsProd, Retain, Delete]
Outputs:
  Fn::ForEach::Urls:
    - Name
    - !Ref Names
    - Url${Name}:
        Value: !Ref
          Fn::Sub: Queue${Name}
)",
                       {{"Names", "orders,invoices"}});
  ASSERT_TRUE(result.succeeded) << result.message;
  Engine engine(config_);
  auto orders = engine.store().find_resource(result.stack.stack_id, "Queueorders");
  ASSERT_TRUE(orders);
  EXPECT_EQ(orders->properties["QueueName"], "loops-orders");
  EXPECT_EQ(orders->properties["DelaySeconds"], 2);
  EXPECT_TRUE(engine.store().find_resource(result.stack.stack_id, "Queueinvoices"));
  EXPECT_EQ(result.stack.outputs.size(), 2u);
  EXPECT_TRUE(remove("loops").succeeded);
}

TEST_F(EngineTest, IncludeFromTheLocalObjectStoreAndTheTemplatesFolder) {
  {
    Engine engine(config_);
    engine.backend().call("s3", "CreateBucket", {{"Bucket", "snippets"}});
    engine.backend().call("s3", "PutObject",
                          {{"Bucket", "snippets"},
                           {"Key", "topic.yaml"},
                           {"Body", "Topic:\n  Type: AWS::SNS::Topic\n"}});
  }
  write("queue-properties.yaml", "VisibilityTimeout: 45\n");
  auto result = deploy("included", R"(
Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://snippets/topic.yaml
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Fn::Transform:
        Name: AWS::Include
        Parameters:
          Location: queue-properties.yaml
)");
  ASSERT_TRUE(result.succeeded) << result.message;
  Engine engine(config_);
  EXPECT_TRUE(engine.store().find_resource(result.stack.stack_id, "Topic"));
  auto queue = engine.store().find_resource(result.stack.stack_id, "Queue");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->properties["VisibilityTimeout"], 45);
  EXPECT_TRUE(remove("included").succeeded);
}

TEST_F(EngineTest, TransformErrorsPointAtTheTemplate) {
  std::string message = failure_of([&] {
    return deploy("broken", R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [a, b]
    - Queue:
        Type: AWS::SQS::Queue
)");
  });
  EXPECT_NE(message.find("6:7"), std::string::npos) << message;
  EXPECT_NE(message.find("Transform AWS::LanguageExtensions failed with: the OutputKey Queue"),
            std::string::npos)
      << message;
  message = failure_of([&] {
    return deploy("missing", R"(Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://nobucket/x.yaml
)");
  });
  EXPECT_NE(message.find("Transform AWS::Include failed with: cannot read s3://nobucket/x.yaml"),
            std::string::npos)
      << message;
}

} // namespace
} // namespace cfnlocal::engine::testing
