#include "engine/capabilities.h"

#include <algorithm>

namespace cfnlocal::engine {

namespace {
// The IAM types CloudFormation asks an acknowledgement for, with the property naming each.
struct IamType {
  const char *type;
  const char *name_property;
};
constexpr IamType kIamTypes[] = {
    {"AWS::IAM::AccessKey", nullptr},
    {"AWS::IAM::Group", "GroupName"},
    {"AWS::IAM::InstanceProfile", "InstanceProfileName"},
    {"AWS::IAM::ManagedPolicy", "ManagedPolicyName"},
    {"AWS::IAM::Policy", nullptr},
    {"AWS::IAM::Role", "RoleName"},
    {"AWS::IAM::User", "UserName"},
    {"AWS::IAM::UserToGroupAddition", nullptr},
    {"AWS::IAM::RolePolicy", nullptr},
    {"AWS::IAM::UserPolicy", nullptr},
    {"AWS::IAM::GroupPolicy", nullptr},
};
bool has(const std::vector<std::string> &granted, const char *c) {
  return std::find(granted.begin(), granted.end(), c) != granted.end();
}
} // namespace

std::optional<std::string> missing_capability(const PreparedTemplate &t,
                                              const std::vector<std::string> &granted) {
  bool iam = false, named = false;
  for (const auto &id : t.active) {
    const Value *r = t.index->resource(id);
    const Value *type = r ? r->find("Type") : nullptr;
    if (!type || !type->is_string())
      continue;
    for (const auto &iam_type : kIamTypes) {
      if (type->as_string() != iam_type.type)
        continue;
      iam = true;
      const Value *props = r->find("Properties");
      if (iam_type.name_property && props && props->find(iam_type.name_property))
        named = true;
    }
  }
  if (named && !has(granted, "CAPABILITY_NAMED_IAM"))
    return "Requires capabilities : [CAPABILITY_NAMED_IAM]";
  if (iam && !has(granted, "CAPABILITY_IAM") && !has(granted, "CAPABILITY_NAMED_IAM"))
    return "Requires capabilities : [CAPABILITY_IAM]";
  return std::nullopt;
}

} // namespace cfnlocal::engine
