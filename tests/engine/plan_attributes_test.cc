// The deployed stack a plan reads computes only the GetAtt attributes either template reads
// (engine/deployed_stack.h): every form of reading one must still find its deployed value, so a
// resource that only reads attributes of an in-place update is not in the change set, and an added
// resource reading them gets the deployed values (Static), not {{changeSet:KNOWN_AFTER_APPLY}}.
#include "engine_fixture.h"

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;

namespace {

const char *kDeployed = R"(
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
  ListForm:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !GetAtt Queue.Arn
  SubForm:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Sub "name ${Queue.QueueName}"
Outputs:
  Arn:
    Value: !GetAtt [Queue, Arn]
)";

// The queue changes in place; a new parameter reads an attribute (QueueUrl) that nothing in the
// deployed template reads.
const char *kNew = R"(
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 31
  ListForm:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !GetAtt Queue.Arn
  SubForm:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Sub "name ${Queue.QueueName}"
  Added:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: {"Fn::GetAtt": ["Queue", "QueueUrl"]}
Outputs:
  Arn:
    Value: !GetAtt [Queue, Arn]
)";

class PlanAttributes : public EngineTest {};

} // namespace

TEST_F(PlanAttributes, ReadAttributesKeepTheirDeployedValues) {
  auto created = deploy("app", kDeployed);
  ASSERT_TRUE(created.succeeded) << created.message;

  Engine engine(config_);
  DeployOptions o;
  o.stack_name = "app";
  o.template_file = write("new.yaml", kNew);
  auto planned = engine.plan(o);
  const auto &cs = planned.change_set;

  const auto *queue = cs.find("Queue");
  ASSERT_NE(queue, nullptr);
  EXPECT_EQ(queue->replacement, planner::Replacement::False);
  // Arn and QueueName are read-only: an in-place update keeps them, so their readers are unchanged.
  EXPECT_EQ(cs.find("ListForm"), nullptr);
  EXPECT_EQ(cs.find("SubForm"), nullptr);
  EXPECT_TRUE(cs.changed_outputs.empty());

  const auto *added = cs.find("Added");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->action, planner::ChangeAction::Add);
  ASSERT_TRUE(added->after_properties);
  const Value *value = added->after_properties->find("Value");
  ASSERT_NE(value, nullptr);
  ASSERT_TRUE(value->is_string()) << "QueueUrl should be known from the deployed queue";
  EXPECT_FALSE(value->as_string().empty());
}
