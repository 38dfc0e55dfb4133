// Functions on Lambda managed instances (CapacityProviderConfig) and PropagateTags reaching the
// implicit APIs: behaviour observed on the reference translator beyond what its corpus shows
// (value coercion, the full validation listing, several functions sharing one implicit API).

#include "transforms/sam/sam.h"

#include <gtest/gtest.h>

namespace cfnlocal::transforms::sam {
namespace {

Json function_with(Json extra) {
  Json props = {{"CodeUri", "s3://b/k.zip"}, {"Handler", "h"}, {"Runtime", "python3.12"}};
  props.update(extra);
  return {{"Type", "AWS::Serverless::Function"}, {"Properties", props}};
}

std::string error_of(const Json &tmpl) {
  try {
    translate(tmpl, SamOptions{"us-east-1", {}});
  } catch (const SamError &e) {
    return e.what();
  }
  return "";
}

TEST(SamFunctionCapacity, ConfigIsRenamedAndItsValuesCoerced) {
  Json out =
      translate({{"Resources",
                  {{"F", function_with({{"CapacityProviderConfig",
                                         {{"Arn", 5},
                                          {"PerExecutionEnvironmentMaxConcurrency", "7"},
                                          {"ExecutionEnvironmentMemoryGiBPerVCpu", 2.5}}}})}}}},
                {});
  EXPECT_EQ(out["Resources"]["F"]["Properties"]["CapacityProviderConfig"],
            Json({{"LambdaManagedInstancesCapacityProviderConfig",
                   {{"CapacityProviderArn", "5"},
                    {"PerExecutionEnvironmentMaxConcurrency", 7},
                    {"ExecutionEnvironmentMemoryGiBPerVCpu", 2}}}}));
}

TEST(SamFunctionCapacity, InvalidConfigListsEveryProblem) {
  Json tmpl = {
      {"Resources",
       {{"F", function_with({{"CapacityProviderConfig",
                              {{"PerExecutionEnvironmentMaxConcurrency", "5.0"}, {"Zed", 1}}}})}}}};
  EXPECT_EQ(error_of(tmpl),
            "Invalid Serverless Application Specification document. Number of errors found: 1. "
            "Resource with id [F] is invalid. Invalid CapacityProviderConfig: 4 validation errors "
            "for CapacityProviderConfig\nArn\n  field required (type=value_error.missing)\n"
            "PerExecutionEnvironmentMaxConcurrency\n  value is not a valid dict "
            "(type=type_error.dict)\nPerExecutionEnvironmentMaxConcurrency\n  value is not a "
            "valid integer (type=type_error.integer)\nZed\n  extra fields not permitted "
            "(type=value_error.extra)");
}

TEST(SamFunctionCapacity, ScalingNeedsACapacityProvider) {
  Json tmpl = {{"Resources", {{"F", function_with({{"FunctionScalingConfig", Json::object()}})}}}};
  EXPECT_EQ(error_of(tmpl),
            "Invalid Serverless Application Specification document. Number of errors found: 1. "
            "Resource with id [F] is invalid. 'FunctionScalingConfig' requires "
            "'CapacityProviderConfig'.");
}

TEST(SamFunctionCapacity, PublishedVersionsAreDeletedAndScaledLikeTheFunction) {
  Json out = translate(
      {{"Resources",
        {{"F", function_with({{"AutoPublishAlias", "live"},
                              {"CapacityProviderConfig", {{"Arn", "arn:x"}}},
                              {"FunctionScalingConfig", {{"MinExecutionEnvironments", 2}}}})}}}},
      {});
  bool found = false;
  for (auto it = out["Resources"].begin(); it != out["Resources"].end(); ++it)
    if ((*it)["Type"] == "AWS::Lambda::Version") {
      found = true;
      EXPECT_EQ((*it)["DeletionPolicy"], "Delete");
      EXPECT_EQ((*it)["Properties"]["FunctionScalingConfig"],
                Json({{"MinExecutionEnvironments", 2}}));
    }
  EXPECT_TRUE(found);
}

TEST(SamImplicitApiTags, PropagatingFunctionsTagTheImplicitApiLaterOnesWinning) {
  auto fn = [](const std::string &path, Json tags, bool propagate) {
    Json f = function_with(
        {{"Tags", tags},
         {"Events",
          {{"E", {{"Type", "Api"}, {"Properties", {{"Path", path}, {"Method", "get"}}}}}}}});
    if (propagate)
      f["Properties"]["PropagateTags"] = true;
    return f;
  };
  Json out = translate({{"Resources",
                         {{"F1", fn("/a", {{"A", "1"}, {"Shared", "f1"}}, true)},
                          {"F2", fn("/b", {{"B", "2"}, {"Shared", "f2"}}, true)},
                          {"F3", fn("/c", {{"C", "3"}}, false)}}}},
                       {});
  EXPECT_EQ(out["Resources"]["ServerlessRestApi"]["Properties"]["Tags"],
            Json::parse(R"([{"Key":"A","Value":"1"},{"Key":"Shared","Value":"f2"},
                            {"Key":"B","Value":"2"}])"));
}

} // namespace
} // namespace cfnlocal::transforms::sam
