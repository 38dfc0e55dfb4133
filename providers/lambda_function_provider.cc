#include "providers/lambda_function_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"
#include "services/lambda_runtime_files.h"
#include "services/zip_archive.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "lambda";
constexpr std::string_view kType = "AWS::Lambda::Function";

// Settings passed to Lambda under the same name, with the value UpdateFunctionConfiguration
// gets when the template drops them (null: nothing to reset).
struct Setting {
  const char *property;
  const char *member;
  Json reset;
};

const std::vector<Setting> &settings() {
  static const std::vector<Setting> all = {
      {"Role", "Role", nullptr},
      {"Runtime", "Runtime", nullptr},
      {"Handler", "Handler", nullptr},
      {"Description", "Description", ""},
      {"Timeout", "Timeout", 3},
      {"MemorySize", "MemorySize", 128},
      {"Environment", "Environment", Json{{"Variables", Json::object()}}},
      {"Layers", "Layers", Json::array()},
      {"TracingConfig", "TracingConfig", Json{{"Mode", "PassThrough"}}},
      {"DeadLetterConfig", "DeadLetterConfig", Json::object()},
      {"VpcConfig", "VpcConfig",
       Json{{"SubnetIds", Json::array()}, {"SecurityGroupIds", Json::array()}}},
      {"KmsKeyArn", "KMSKeyArn", ""},
      {"EphemeralStorage", "EphemeralStorage", Json{{"Size", 512}}},
      {"FileSystemConfigs", "FileSystemConfigs", Json::array()},
      {"LoggingConfig", "LoggingConfig", nullptr},
      {"SnapStart", "SnapStart", nullptr},
      {"ImageConfig", "ImageConfig", nullptr},
  };
  return all;
}

Json tag_map(const Value &model) {
  Json out = Json::object();
  for (const auto &t : tag_list(model.is_object() ? model.find("Tags") : nullptr))
    out[t["Key"].get<std::string>()] = t["Value"];
  return out;
}

Json settings_of(const Value &model, bool with_resets) {
  Json out = Json::object();
  for (const auto &s : settings()) {
    if (const Value *v = model.find(s.property))
      out[s.member] = to_json(*v);
    else if (with_resets && !s.reset.is_null())
      out[s.member] = s.reset;
  }
  return out;
}

std::string name_of(const ResourceHandlerRequest &request) { return request.physical_id; }

} // namespace

Json LambdaFunctionProvider::code_of(const Value &model) {
  const Value *code = model.find("Code");
  if (!code || !code->is_object())
    return Json::object();
  Json out = Json::object();
  for (const char *member : {"S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri", "SourceKMSKeyArn"})
    if (std::string v = string_of(*code, member); !v.empty())
      out[member] = v;
  if (const Value *zip = code->find("ZipFile"); zip && zip->is_string()) {
    std::string runtime = string_of(model, "Runtime");
    std::vector<std::pair<std::string, std::string>> files;
    if (runtime.starts_with("nodejs")) {
      files = {{"index.js", zip->as_string()},
               {"node_modules/cfn-response/index.js", std::string(services::node_cfn_response())}};
    } else {
      files = {{"index.py", zip->as_string()},
               {"cfnresponse.py", std::string(services::python_cfnresponse())}};
    }
    std::string bytes = services::zip_archive(files);
    out["ZipFile"] = Json::binary(std::vector<uint8_t>(bytes.begin(), bytes.end()));
  }
  return out;
}

ProgressEvent LambdaFunctionProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "FunctionName");
  try {
    backend_.call(kService, "GetFunction", Json{{"FunctionName", name}});
    return ProgressEvent::failure(
        HandlerErrorCode::AlreadyExists,
        fmt::format("Resource handler returned message: \"{} already exists\" "
                    "(HandlerErrorCode: AlreadyExists)",
                    name));
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "Lambda");
  }
  Json in = settings_of(model, false);
  in["FunctionName"] = name;
  in["Code"] = code_of(model);
  if (std::string package = string_of(model, "PackageType"); !package.empty())
    in["PackageType"] = package;
  if (const Value *a = model.find("Architectures"))
    in["Architectures"] = to_json(*a);
  if (Json tags = tag_map(model); !tags.empty())
    in["Tags"] = tags;
  try {
    Json out = backend_.call(kService, "CreateFunction", in);
    model.set("Arn", Value(out.value("FunctionArn", "")));
    if (auto n = int_of(model, "ReservedConcurrentExecutions"))
      backend_.call(kService, "PutFunctionConcurrency",
                    Json{{"FunctionName", name}, {"ReservedConcurrentExecutions", *n}});
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Lambda");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent LambdaFunctionProvider::read(const ResourceHandlerRequest &request) {
  std::string name = name_of(request);
  Json got;
  try {
    got = backend_.call(kService, "GetFunction", Json{{"FunctionName", name}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "Lambda");
  }
  const Json &config = got["Configuration"];
  Value model = Value::object();
  model.set("FunctionName", Value(name));
  model.set("Arn", Value(config.value("FunctionArn", "")));
  for (const auto &s : settings()) {
    auto it = config.find(s.member);
    if (it == config.end())
      continue;
    if (std::string_view(s.member) == "Layers") {
      Value arns = Value::array();
      for (const auto &l : *it)
        arns.push_back(Value(l.value("Arn", "")));
      if (arns.size())
        model.set("Layers", std::move(arns));
    } else if (std::string_view(s.member) == "VpcConfig") {
      if (!(*it).value("SubnetIds", Json::array()).empty())
        model.set("VpcConfig", from_json(Json{{"SubnetIds", (*it)["SubnetIds"]},
                                              {"SecurityGroupIds", (*it)["SecurityGroupIds"]}}));
    } else if (std::string_view(s.member) == "Description" && it->get<std::string>().empty()) {
      continue;
    } else {
      model.set(s.property, from_json(*it));
    }
  }
  model.set("PackageType", Value(config.value("PackageType", "Zip")));
  if (config.contains("Architectures"))
    model.set("Architectures", from_json(config["Architectures"]));
  if (got.contains("Concurrency"))
    model.set("ReservedConcurrentExecutions",
              Value(got["Concurrency"]["ReservedConcurrentExecutions"].get<int64_t>()));
  if (auto tags = got.value("Tags", Json::object()); !tags.empty()) {
    Value list = Value::array();
    for (const auto &[k, v] : tags.items())
      list.push_back(
          Value::object({{"Key", Value(k), {}}, {"Value", Value(v.get<std::string>()), {}}}));
    model.set("Tags", std::move(list));
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent LambdaFunctionProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  std::string name = name_of(request);
  const Value &previous = request.previous_state;
  try {
    Json in = settings_of(desired, true);
    in["FunctionName"] = name;
    backend_.call(kService, "UpdateFunctionConfiguration", in);
    const Value *old_code = previous.is_object() ? previous.find("Code") : nullptr;
    const Value *new_code = desired.find("Code");
    bool runtime_changed = string_of(previous, "Runtime") != string_of(desired, "Runtime");
    if (!old_code || !new_code || *old_code != *new_code ||
        (new_code->find("ZipFile") && runtime_changed)) {
      Json code = code_of(desired);
      code["FunctionName"] = name;
      if (const Value *a = desired.find("Architectures"))
        code["Architectures"] = to_json(*a);
      backend_.call(kService, "UpdateFunctionCode", code);
    }
    std::string arn =
        backend_.call(kService, "GetFunctionConfiguration", Json{{"FunctionName", name}})
            .value("FunctionArn", "");
    Json before =
        backend_.call(kService, "ListTags", Json{{"Resource", arn}}).value("Tags", Json::object());
    Json after = tag_map(desired);
    Json removed = Json::array();
    for (const auto &[k, v] : before.items())
      if (!after.contains(k) && !k.starts_with("aws:"))
        removed.push_back(k);
    if (!removed.empty())
      backend_.call(kService, "UntagResource", Json{{"Resource", arn}, {"TagKeys", removed}});
    Json added = Json::object();
    for (const auto &[k, v] : after.items())
      if (!before.contains(k) || before[k] != v)
        added[k] = v;
    if (!added.empty())
      backend_.call(kService, "TagResource", Json{{"Resource", arn}, {"Tags", added}});
    if (auto n = int_of(desired, "ReservedConcurrentExecutions"))
      backend_.call(kService, "PutFunctionConcurrency",
                    Json{{"FunctionName", name}, {"ReservedConcurrentExecutions", *n}});
    else if (previous.is_object() && previous.find("ReservedConcurrentExecutions"))
      backend_.call(kService, "DeleteFunctionConcurrency", Json{{"FunctionName", name}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "Lambda");
  }
  return ProgressEvent::success(merged_model(*type, request, previous));
}

ProgressEvent LambdaFunctionProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteFunction", Json{{"FunctionName", name_of(request)}});
  } catch (const services::ServiceError &e) {
    if (is_not_found(e))
      return not_found(kType, name_of(request));
    return failure_from(e, "Lambda");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent LambdaFunctionProvider::list(const ResourceHandlerRequest &request) {
  return list_page(
      backend_, request, {kService, "ListFunctions", "Marker", "Functions", "NextMarker", "Lambda"},
      Json{{"MaxItems", 50}}, [](const Json &f) {
        return Value::object({{"FunctionName", Value(f.value("FunctionName", "")), {}}});
      });
}

} // namespace cfnlocal::providers
