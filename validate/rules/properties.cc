// E3002, E3003, E3012, E3014, E3017, E3018, E3020, E3021, E3030-E3034, E3037, E3058: every
// resource's Properties against its registry schema (schema/validator.h), intrinsic-aware: a
// function call is a value of unknown type that satisfies type, pattern, length, range and enum
// checks, and both branches of each Fn::If are checked. One validation per resource, shared by
// the rules, each of which reports the keywords cfn-lint files under its id.
#include "schema/registry.h"
#include "schema/validator.h"
#include "validate/rules/helpers.h"
#include "validate/type_facts.h"

namespace cfnlocal::validate::rules {
namespace {

const std::vector<Diagnostic> &findings(const Context &ctx) {
  auto &slot = ctx.cache("properties");
  if (slot)
    return *std::static_pointer_cast<std::vector<Diagnostic>>(slot);
  auto out = std::make_shared<std::vector<Diagnostic>>();
  slot = out;
  const Value *res = ctx.resources();
  if (!res)
    return *out;
  schema::ValidationOptions options;
  options.intrinsics_unknown = true;
  options.accept_artifact_paths = true; // `aws cloudformation package` paths (cfn-lint W3002)
  // cfn-lint's E3040 does not flag read-only properties such as AWS::SQS::Queue Arn, and AWS
  // ignores them at deploy time: not reported.
  options.report_read_only = false;
  options.check_formats = true;
  for (const auto &r : res->as_object()) {
    if (!r.value.is_object())
      continue;
    const Value *type = r.value.find("Type");
    if (!type || !type->is_string())
      continue;
    const schema::ResourceType *t = registry_type(type->as_string());
    if (!t)
      continue;
    const Value::Member *props = r.value.find_member("Properties");
    static const Value empty = Value::object();
    const Value &p = props ? props->value : empty;
    if (!p.is_object() || (is_function(p) && function_name(p) != "Fn::If"))
      continue; // E3001's finding
    std::string prefix = join_path("Resources", r.key) + "/Properties";
    schema::ValidationResult result = schema::validate_properties(*t, p, options);
    for (auto &v : result.violations) {
      Diagnostic d;
      d.severity = Severity::Error;
      d.rule = v.rule.empty() ? "E3012" : v.rule;
      d.message = v.message;
      d.mark = v.mark.known() ? v.mark : (props ? props->key_mark : r.key_mark);
      d.path = v.path.empty() ? prefix : prefix + "/" + v.path;
      out->push_back(std::move(d));
    }
  }
  return *out;
}

template <const char *Id> void check(const Context &ctx, Reporter &out) {
  for (const auto &d : findings(ctx))
    if (d.rule == Id)
      out.report(d.mark, d.path, d.message);
}

constexpr char kE1150[] = "E1150", kE1151[] = "E1151", kE1152[] = "E1152", kE1154[] = "E1154",
               kE1156[] = "E1156", kE1157[] = "E1157", kE1158[] = "E1158", kE1159[] = "E1159",
               kE1160[] = "E1160", kE1161[] = "E1161", kE1162[] = "E1162", kE1164[] = "E1164";
constexpr char kE3002[] = "E3002", kE3003[] = "E3003", kE3012[] = "E3012", kE3014[] = "E3014",
               kE3017[] = "E3017", kE3018[] = "E3018", kE3020[] = "E3020", kE3021[] = "E3021",
               kE3030[] = "E3030", kE3031[] = "E3031", kE3032[] = "E3032", kE3033[] = "E3033",
               kE3034[] = "E3034", kE3037[] = "E3037", kE3058[] = "E3058";

} // namespace

extern const Rule kPropAdditional{"E3002", Severity::Error, "Resource properties are valid",
                                  "Properties are ones the type's schema defines (also allOf / "
                                  "not / min/maxProperties).",
                                  check<kE3002>};
extern const Rule kPropRequired{"E3003", Severity::Error, "Required properties",
                                "The type's required properties are set.", check<kE3003>};
extern const Rule kPropType{"E3012", Severity::Error, "Property value types",
                            "Each property value has the schema's type (CloudFormation's scalar "
                            "coercions allowed; functions accepted where they can return it).",
                            check<kE3012>};
extern const Rule kPropRequiredXor{"E3014", Severity::Error, "Exactly one of (requiredXor)",
                                   "Exactly one of the schema's requiredXor properties is set.",
                                   check<kE3014>};
extern const Rule kPropAnyOf{"E3017", Severity::Error, "At least one of (anyOf)",
                             "The value satisfies at least one of the schema's anyOf branches.",
                             check<kE3017>};
extern const Rule kPropOneOf{"E3018", Severity::Error, "Only one of (oneOf)",
                             "The value satisfies exactly one of the schema's oneOf branches.",
                             check<kE3018>};
extern const Rule kPropDependentExcluded{"E3020", Severity::Error, "Dependent exclusions",
                                         "A property excludes those its schema's "
                                         "dependentExcluded lists.",
                                         check<kE3020>};
extern const Rule kPropDependentRequired{"E3021", Severity::Error, "Dependent requirements",
                                         "A property brings the ones its schema's "
                                         "dependentRequired / dependencies list.",
                                         check<kE3021>};
extern const Rule kPropEnum{"E3030", Severity::Error, "Allowed values",
                            "A value is one of the schema's enum (enumCaseInsensitive, const).",
                            check<kE3030>};
extern const Rule kPropPattern{"E3031", Severity::Error, "Patterns",
                               "A string matches the schema's pattern.", check<kE3031>};
extern const Rule kPropItems{"E3032", Severity::Error, "Array sizes",
                             "An array has between minItems and maxItems items.", check<kE3032>};
extern const Rule kPropLength{"E3033", Severity::Error, "String lengths",
                              "A string is between minLength and maxLength long.", check<kE3033>};
extern const Rule kPropRange{"E3034", Severity::Error, "Number ranges",
                             "A number is within minimum/maximum (exclusive forms, multipleOf).",
                             check<kE3034>};
extern const Rule kPropUnique{"E3037", Severity::Error, "Unique items",
                              "Arrays with uniqueItems / uniqueKeys have no duplicates.",
                              check<kE3037>};
extern const Rule kPropRequiredOr{"E3058", Severity::Error, "At least one of (requiredOr)",
                                  "At least one of the schema's requiredOr properties is set.",
                                  check<kE3058>};

extern const Rule kFormatSecurityGroupId{
    "E1150", Severity::Error, "Security group id format",
    "A value of format AWS::EC2::SecurityGroup.Id is sg- and 8 or 17 hex digits.", check<kE1150>};
extern const Rule kFormatVpcId{"E1151", Severity::Error, "VPC id format",
                               "A value of format AWS::EC2::VPC.Id is vpc- and 8 or 17 hex digits.",
                               check<kE1151>};
extern const Rule kFormatImageId{
    "E1152", Severity::Error, "AMI id format",
    "A value of format AWS::EC2::Image.Id is ami- and 8 or 17 characters.", check<kE1152>};
extern const Rule kFormatSubnetId{
    "E1154", Severity::Error, "Subnet id format",
    "A value of format AWS::EC2::Subnet.Id is subnet- and 8 or 17 hex digits.", check<kE1154>};
extern const Rule kFormatRoleArn{"E1156", Severity::Error, "IAM role ARN format",
                                 "A value of format AWS::IAM::Role.Arn is a role ARN.",
                                 check<kE1156>};
extern const Rule kFormatKmsKeyArn{"E1157", Severity::Error, "KMS key ARN format",
                                   "A value of format AWS::KMS::Key.Arn is a key or alias ARN.",
                                   check<kE1157>};
extern const Rule kFormatTopicArn{"E1158", Severity::Error, "SNS topic ARN format",
                                  "A value of format AWS::SNS::Topic.Arn is a topic ARN.",
                                  check<kE1158>};
extern const Rule kFormatCertificateArn{
    "E1159", Severity::Error, "ACM certificate ARN format",
    "A value of format AWS::ACM::Certificate.Arn is a certificate ARN.", check<kE1159>};
extern const Rule kFormatFunctionArn{
    "E1160", Severity::Error, "Lambda function ARN format",
    "A value of format AWS::Lambda::Function.Arn is a function ARN.", check<kE1160>};
extern const Rule kFormatBucketName{
    "E1161", Severity::Error, "S3 bucket name format",
    "A value of format AWS::S3::Bucket.Name is a valid bucket name (3-63 of a-z 0-9 . -, no .. or "
    ".- or -., no . or - at either end).",
    check<kE1161>};
extern const Rule kFormatKmsKeyId{
    "E1162", Severity::Error, "KMS key id format",
    "A value of format AWS::KMS::Key.Id is a key id, a multi-Region key id or an alias name.",
    check<kE1162>};
extern const Rule kFormatKmsAliasName{
    "E1164", Severity::Error, "KMS alias name format",
    "A value of format AWS::KMS::Alias.AliasName starts with alias/.", check<kE1164>};

} // namespace cfnlocal::validate::rules
