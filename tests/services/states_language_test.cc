// The Amazon States Language check Step Functions runs on definitions: what passes, and each
// kind of problem in Step Functions' wording with its JSON pointer.
#include "services/embedded/states_language.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cfnlocal::services::embedded {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(StatesLanguage, ValidMachinesPass) {
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B",
            "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2},
                      {"ErrorEquals": ["States.ALL"]}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}]},
      "B": {"Type": "Choice", "Choices": [
              {"Variable": "$.x", "NumericGreaterThan": 1, "Next": "C"},
              {"And": [{"Variable": "$.y", "IsPresent": true},
                       {"Not": {"Variable": "$.y", "StringEquals": "no"}}], "Next": "P"}],
            "Default": "F"},
      "C": {"Type": "Wait", "Seconds": 3, "Next": "M"},
      "M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {
              "I": {"Type": "Pass", "End": true}}}, "End": true},
      "P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {
              "X": {"Type": "Succeed"}}}], "Next": "S"},
      "S": {"Type": "Succeed"},
      "F": {"Type": "Fail", "Error": "E", "Cause": "C"}}})"),
              IsEmpty());
}

TEST(StatesLanguage, TransitionsTerminalStatesAndReachability) {
  EXPECT_THAT(
      states_language_problems(R"({"StartAt": "Nope", "States": {
      "A": {"Type": "Pass", "Next": "Gone"}}})"),
      ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: Gone at /States/A/Next",
                  "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt",
                  "MISSING_END_STATE: Workflow has no terminal state at /"));
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}})"),
              ElementsAre("UNREACHABLE_STATE: State \"B\" is not reachable. at /States/B"));
}

TEST(StatesLanguage, FieldsEachTypeRequiresAndRefuses) {
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Task", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The field \"Resource\" is required but was "
                          "missing at /States/A"));
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: The field \"Next\" or \"End\" is required but "
                          "was missing at /States/A",
                          "MISSING_END_STATE: Workflow has no terminal state at /"));
  EXPECT_THAT(
      states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Succeed", "Next": "A"}}})"),
      ElementsAre("SCHEMA_VALIDATION_FAILED: Field \"Next\" is not supported at /States/A"));
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Sleep", "End": true}}})")[0],
              ::testing::HasSubstr("The value for the field \"Type\" must be one of"));
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Wait", "Seconds": 1, "Timestamp": "x", "End": true}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: Exactly one of \"Seconds\", \"Timestamp\", "
                          "\"SecondsPath\" or \"TimestampPath\" must be present at /States/A"));
  EXPECT_THAT(states_language_problems(R"({"StartAt": "A", "States": {
      "A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "Next": "B"}]},
      "B": {"Type": "Succeed"}}})"),
              ElementsAre("SCHEMA_VALIDATION_FAILED: A choice rule must have a comparison operator "
                          "at /States/A/Choices[0]"));
  EXPECT_THAT(states_language_problems(R"({"StartAt": "P", "States": {
      "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "X", "States": {
        "X": {"Type": "Pass", "Next": "Out"}}}]}}})"),
              ElementsAre("MISSING_TRANSITION_TARGET: Missing 'Next' target: Out at "
                          "/States/P/Branches[0]/States/X/Next",
                          "MISSING_END_STATE: Workflow has no terminal state at "
                          "/States/P/Branches[0]"));
}

TEST(StatesLanguage, TextThatIsNotJson) {
  auto problems = states_language_problems("{\"StartAt\": ");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with("INVALID_JSON_DESCRIPTION: ")) << problems[0];
}

} // namespace
} // namespace cfnlocal::services::embedded
