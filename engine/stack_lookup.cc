#include "engine/stack_lookup.h"

#include <algorithm>

namespace cfnlocal::engine {

std::optional<Value> StackLookup::ref_resource(std::string_view logical_id) {
  return live_.ref(logical_id);
}

std::optional<Value> StackLookup::get_att(std::string_view logical_id, std::string_view attribute) {
  return live_.get_att(logical_id, attribute);
}

std::vector<std::string> StackLookup::availability_zones(std::string_view region) {
  std::string_view letters = region == "us-east-1"   ? "abcdef"
                             : region == "us-west-2" ? "abcd"
                                                     : "abc";
  std::vector<std::string> zones;
  for (char c : letters)
    zones.push_back(std::string(region) + c);
  return zones;
}

intrinsics::Answer<Value> StackLookup::import_value(std::string_view name) {
  auto record = store_.find_export(name);
  if (!record)
    return intrinsics::Answer<Value>::missing();
  if (std::find(imported_.begin(), imported_.end(), name) == imported_.end())
    imported_.emplace_back(name);
  return intrinsics::Answer<Value>::found(Value(record->value));
}

intrinsics::Answer<intrinsics::SsmParameter>
StackLookup::ssm_parameter(std::string_view name, std::optional<int64_t> version) {
  std::string id(name);
  if (version)
    id += ":" + std::to_string(*version);
  try {
    Json out = backend_.call("ssm", "GetParameter", {{"Name", id}, {"WithDecryption", true}});
    const Json &p = out.at("Parameter");
    intrinsics::SsmParameter parameter;
    parameter.type = p.value("Type", "String");
    parameter.value = p.value("Value", "");
    parameter.version = p.value("Version", int64_t{1});
    return intrinsics::Answer<intrinsics::SsmParameter>::found(parameter);
  } catch (const services::ServiceError &e) {
    if (e.code() == "ParameterNotFound" || e.code() == "ParameterVersionNotFound")
      return intrinsics::Answer<intrinsics::SsmParameter>::missing();
    throw intrinsics::LookupError(e.message());
  }
}

intrinsics::Answer<std::string>
StackLookup::secret_string(std::string_view secret_id, const intrinsics::SecretSelector &selector) {
  Json input = {{"SecretId", std::string(secret_id)}};
  if (!selector.version_stage.empty())
    input["VersionStage"] = selector.version_stage;
  if (!selector.version_id.empty())
    input["VersionId"] = selector.version_id;
  try {
    Json out = backend_.call("secretsmanager", "GetSecretValue", input);
    return intrinsics::Answer<std::string>::found(out.value("SecretString", ""));
  } catch (const services::ServiceError &e) {
    if (e.code() == "ResourceNotFoundException")
      return intrinsics::Answer<std::string>::missing();
    throw intrinsics::LookupError(e.message());
  }
}

} // namespace cfnlocal::engine
