// Template macros: an AWS::CloudFormation::Macro resource registers a macro; the Transform
// section and Fn::Transform invoke its function with the documented event and use the fragment
// it returns; a failure status is the transform's error. The function is a C++ callback.
#include "engine_fixture.h"
#include "invoking_backend.h"

#include <algorithm>

namespace cfnlocal::engine::testing {
namespace {

class MacroTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    config_.wrap_backend = [this](std::unique_ptr<services::Backend> inner) {
      return std::make_unique<InvokingBackend>(
          std::move(inner),
          [this](const std::string &function, const Json &event) {
            functions_.push_back(function);
            return macro(event);
          },
          events_);
    };
  }

  // Two macros behind one function: AddTopic adds a topic to the template's Resources; Upper
  // adds Value, the Text parameter in capitals, to the fragment (properties) that holds it.
  static Json macro(const Json &event) {
    Json fragment = event["fragment"];
    std::string id = event["transformId"];
    Json reply = {{"requestId", event["requestId"]}, {"status", "success"}};
    if (id.ends_with("::AddTopic")) {
      fragment["Resources"]["Added"] = {
          {"Type", "AWS::SNS::Topic"}, {"Properties", {{"DisplayName", event["params"]["Label"]}}}};
    } else if (id.ends_with("::Upper")) {
      std::string text = event["params"]["Text"];
      if (text == "fail")
        return Json{{"requestId", event["requestId"]},
                    {"status", "failure"},
                    {"errorMessage", "Upper cannot take fail"}};
      std::transform(text.begin(), text.end(), text.begin(), ::toupper);
      fragment["Value"] = text;
    }
    reply["fragment"] = fragment;
    return reply;
  }

  OperationResult deploy_expanding(const std::string &stack, const std::string &text) {
    Engine engine(config_);
    DeployOptions o;
    o.stack_name = stack;
    o.template_file = write(stack + "-" + std::to_string(counter_++) + ".yaml", text);
    o.capabilities = {"CAPABILITY_AUTO_EXPAND"};
    o.parameter_overrides = {{"Greeting", "hi"}};
    return engine.deploy(o, reporter_);
  }

  void register_macros() {
    auto macros = deploy("macros", R"(
Resources:
  AddTopic:
    Type: AWS::CloudFormation::Macro
    Properties:
      Name: AddTopic
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:macro
  Upper:
    Type: AWS::CloudFormation::Macro
    Properties:
      Name: Upper
      FunctionName: macro-by-name
)");
    ASSERT_TRUE(macros.succeeded) << macros.message;
  }

  std::vector<Json> events_;
  std::vector<std::string> functions_;
};

TEST_F(MacroTest, TemplateAndSnippetLevelMacrosRunTheirFunctions) {
  register_macros();
  auto result = deploy_expanding("app", R"(
Transform:
  - Name: AddTopic
    Parameters:
      Label: from-macro
Parameters:
  Greeting:
    Type: String
  Unused:
    Type: String
    Default: dflt
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Fn::Transform:
        Name: Upper
        Parameters:
          Text: hello
Outputs:
  Value:
    Value: !GetAtt Param.Value
  Topic:
    Value: !GetAtt Added.TopicName
)");
  ASSERT_TRUE(result.succeeded) << result.message;
  ASSERT_EQ(events_.size(), 2u);
  // The snippet runs first, then the Transform section.
  const Json &snippet = events_[0];
  EXPECT_EQ(snippet["transformId"], "123456789012::Upper");
  EXPECT_EQ(snippet["region"], "us-east-1");
  EXPECT_EQ(snippet["accountId"], "123456789012");
  EXPECT_EQ(snippet["fragment"], (Json{{"Type", "String"}}));
  EXPECT_EQ(snippet["params"]["Text"], "hello");
  EXPECT_EQ(snippet["templateParameterValues"]["Greeting"], "hi");
  EXPECT_EQ(snippet["templateParameterValues"]["Unused"], "dflt");
  EXPECT_FALSE(snippet["requestId"].get<std::string>().empty());
  EXPECT_EQ(functions_[0], "macro-by-name");
  const Json &whole = events_[1];
  EXPECT_EQ(whole["transformId"], "123456789012::AddTopic");
  EXPECT_EQ(whole["params"]["Label"], "from-macro");
  EXPECT_TRUE(whole["fragment"]["Resources"].contains("Param"));
  EXPECT_FALSE(whole["fragment"].contains("Transform"));
  EXPECT_EQ(functions_[1], "arn:aws:lambda:us-east-1:123456789012:function:macro");

  EXPECT_EQ(result.stack.outputs.at(0).value, "HELLO");
  Engine engine(config_);
  auto store_topic = engine.store().find_resource(result.stack.stack_id, "Added");
  ASSERT_TRUE(store_topic);
  EXPECT_EQ(store_topic->properties.value("DisplayName", ""), "from-macro");
  auto param = engine.store().find_resource(result.stack.stack_id, "Param");
  ASSERT_TRUE(param);
  EXPECT_EQ(param->properties.value("Value", ""), "HELLO");
}

TEST_F(MacroTest, SnippetTransformListsRunEachMacroInOrder) {
  register_macros();
  // Fn::Transform may list its macros, as the Transform section does (the DatetimeNow example).
  auto result = deploy_expanding("listed", R"(
Parameters:
  Greeting:
    Type: String
  Names:
    Type: CommaDelimitedList
    Default: a,b
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Fn::Transform:
        - Name: Upper
          Parameters:
            Text: first
        - Name: Upper
          Parameters:
            Text: !Ref Greeting
)");
  ASSERT_TRUE(result.succeeded) << result.message;
  ASSERT_EQ(events_.size(), 2u);
  EXPECT_EQ(events_[0]["params"]["Text"], "first");
  // Refs to template parameters are resolved before the macro runs; lists are lists.
  EXPECT_EQ(events_[1]["params"]["Text"], "hi");
  EXPECT_EQ(events_[1]["templateParameterValues"]["Names"], (Json{"a", "b"}));
  EXPECT_EQ(events_[1]["fragment"]["Value"], "FIRST");
  Engine engine(config_);
  auto param = engine.store().find_resource(result.stack.stack_id, "Param");
  ASSERT_TRUE(param);
  EXPECT_EQ(param->properties.value("Value", ""), "HI");
}

TEST_F(MacroTest, FailuresAndUnknownMacrosAreReported) {
  register_macros();
  try {
    deploy_expanding("app", R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Fn::Transform:
        Name: Upper
        Parameters:
          Text: fail
)");
    FAIL() << "a failing macro must fail the deploy";
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("Transform 123456789012::Upper failed with: Upper cannot take fail"),
              std::string::npos)
        << e.message();
  }
  try {
    deploy_expanding("app", "Transform: Missing\nResources:\n  T:\n    Type: AWS::SNS::Topic\n");
    FAIL() << "an unknown macro must fail the deploy";
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("No transform named 123456789012::Missing found."),
              std::string::npos)
        << e.message();
  }
  // Macros need CAPABILITY_AUTO_EXPAND, as in AWS.
  auto without = [&] {
    deploy("app", "Transform: AddTopic\nResources:\n  T:\n    Type: AWS::SNS::Topic\n");
  };
  EXPECT_THROW(without(), Error);
}

} // namespace
} // namespace cfnlocal::engine::testing
