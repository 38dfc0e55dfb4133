// How the SAM translation reports intrinsics it cannot resolve and structural errors, as
// observed on the reference translator: Fn::Sub over a parameter that is not a string, FindInMap
// in an application's location, S3 locations left unresolved, and a structural error reported
// alone.

#include "transforms/sam/sam.h"

#include <gtest/gtest.h>

namespace cfnlocal::transforms::sam {
namespace {

const std::string kPrefix = "Invalid Serverless Application Specification document. ";

std::string error_of(const Json &tmpl) {
  try {
    translate(tmpl, SamOptions{"us-east-1", {}});
  } catch (const SamError &e) {
    return e.what();
  }
  return "";
}

Json api_with_policy_resource(const Json &resource) {
  return {{"Type", "AWS::Serverless::Api"},
          {"Properties",
           {{"StageName", "Prod"},
            {"Auth",
             {{"ResourcePolicy",
               {{"CustomStatements", Json::array({{{"Effect", "Allow"},
                                                   {"Principal", "*"},
                                                   {"Action", "execute-api:Invoke"},
                                                   {"Resource", resource}}})}}}}}}}};
}

TEST(SamResolutionErrors, SubOverAParameterThatIsNotAStringIsAStructuralError) {
  Json tmpl = {{"Parameters", {{"P", {{"Type", "CommaDelimitedList"}, {"Default", {"a", "b"}}}}}},
               {"Resources", {{"MyApi", api_with_policy_resource({{"Fn::Sub", "x-${P}"}})}}}};
  EXPECT_EQ(error_of(tmpl), kPrefix + "Number of errors found: 1. Structure of the SAM template "
                                      "is invalid. Invalid Fn::Sub variable value ['a', 'b']. "
                                      "Fn::Sub expects all variables to be strings.");
}

TEST(SamResolutionErrors, StructuralErrorIsReportedWithoutTheResourceErrors) {
  Json tmpl = {{"Parameters", {{"P", {{"Type", "Number"}, {"Default", 5}}}}},
               {"Resources",
                {{"AFunction", {{"Type", "AWS::Serverless::Function"}}},
                 {"MyApi", api_with_policy_resource({{"Fn::Sub", "x-${P}"}})}}}};
  EXPECT_EQ(error_of(tmpl), kPrefix + "Number of errors found: 1. Structure of the SAM template "
                                      "is invalid. Invalid Fn::Sub variable value 5. Fn::Sub "
                                      "expects all variables to be strings.");
}

Json application_at(const Json &application_id) {
  return {
      {"Mappings", {{"M", {{"k1", {{"v", "arn:x"}}}, {"k2", Json::array({1})}}}}},
      {"Resources",
       {{"App",
         {{"Type", "AWS::Serverless::Application"},
          {"Properties",
           {{"Location", {{"ApplicationId", application_id}, {"SemanticVersion", "1.0.0"}}}}}}}}}};
}

TEST(SamResolutionErrors, FindInMapInAnApplicationLocation) {
  EXPECT_EQ(error_of(application_at({{"Fn::FindInMap", {"M", {{"Ref", "AWS::Region"}}}}})),
            kPrefix + "Number of errors found: 1. Structure of the SAM template is invalid. "
                      "Invalid FindInMap value ['M', 'us-east-1']. FindInMap expects an array "
                      "with 3 values.");
  EXPECT_EQ(error_of(application_at({{"Fn::FindInMap", {"M", "k2", "v"}}})),
            kPrefix + "Number of errors found: 1. Structure of the SAM template is invalid. "
                      "Cannot use Fn::FindInMap on Mapping 'M' which is not a a two-level map.");
  EXPECT_EQ(error_of(application_at({{"Fn::FindInMap", {"M", "k1", "missing"}}})),
            kPrefix + "Number of errors found: 1. Resource with id [App] is invalid. Property "
                      "'ApplicationId' cannot be resolved. Only FindInMap and Ref intrinsic "
                      "functions are supported.");
}

TEST(SamResolutionErrors, CodeUriParametersAreNotResolved) {
  Json tmpl = {{"Parameters", {{"B", {{"Type", "String"}, {"Default", "bucket"}}}}},
               {"Resources",
                {{"F",
                  {{"Type", "AWS::Serverless::Function"},
                   {"Properties",
                    {{"Handler", "h"},
                     {"Runtime", "python3.12"},
                     {"CodeUri", {{"Bucket", {{"Ref", "B"}}}, {"Key", "k"}}}}}}}}}};
  Json out = translate(tmpl, {});
  EXPECT_EQ(out["Resources"]["F"]["Properties"]["Code"]["S3Bucket"], Json({{"Ref", "B"}}));
  tmpl["Resources"]["F"]["Properties"]["CodeUri"] = {{"Ref", "B"}};
  EXPECT_EQ(error_of(tmpl), kPrefix + "Number of errors found: 1. Resource with id [F] is "
                                      "invalid. 'CodeUri' requires Bucket and Key properties to "
                                      "be specified.");
}

} // namespace
} // namespace cfnlocal::transforms::sam
