#include "providers/stepfunctions_state_machine_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/s3_object_body.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "stepfunctions";
constexpr std::string_view kType = "AWS::StepFunctions::StateMachine";

// CloudFormation's PascalCase configuration objects as Step Functions' camelCase members.
Json camel(const Json &j) {
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto &item : j)
      out.push_back(camel(item));
    return out;
  }
  if (!j.is_object())
    return j;
  Json out = Json::object();
  for (const auto &[k, v] : j.items()) {
    std::string key = k;
    if (!key.empty())
      key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
    out[key] = camel(v);
  }
  return out;
}

Json pascal(const Json &j) {
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto &item : j)
      out.push_back(pascal(item));
    return out;
  }
  if (!j.is_object())
    return j;
  Json out = Json::object();
  for (const auto &[k, v] : j.items()) {
    std::string key = k;
    if (!key.empty())
      key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
    out[key] = pascal(v);
  }
  return out;
}

Json configuration(const Value &model, std::string_view property) {
  const Value *v = model.find(property);
  if (!v)
    return Json();
  return camel(typed(*v, {"KmsDataKeyReusePeriodSeconds"}, {"IncludeExecutionData", "Enabled"}));
}

Json sfn_tags(const Value &model) {
  Json out = Json::array();
  for (const auto &t : tag_list(model.find("Tags")))
    out.push_back({{"key", t["Key"]}, {"value", t["Value"]}});
  return out;
}

std::string name_of_arn(const std::string &arn) { return arn.substr(arn.rfind(':') + 1); }

} // namespace

std::string StepFunctionsStateMachineProvider::definition_of(const Value &model) const {
  const Value *object = model.find("Definition");
  const Value *text = model.find("DefinitionString");
  const Value *s3 = model.find("DefinitionS3Location");
  int given = (object != nullptr) + (text != nullptr) + (s3 != nullptr);
  if (given != 1)
    throw services::ServiceError(
        "ValidationException",
        given == 0 ? "Exactly one of Definition, DefinitionString or DefinitionS3Location must "
                     "be specified"
                   : "Only one of Definition, DefinitionString or DefinitionS3Location may be "
                     "specified");
  std::string definition;
  if (object)
    definition = object->is_string() ? object->as_string() : dump_json(*object, -1);
  else if (text)
    definition = text->scalar_string().value_or(dump_json(*text, -1));
  else {
    definition = s3_object_body(backend_, string_of(*s3, "Bucket"), string_of(*s3, "Key"),
                                string_of(*s3, "Version"));
  }
  if (const Value *subs = model.find("DefinitionSubstitutions"); subs && subs->is_object())
    for (const auto &m : subs->as_object()) {
      std::string placeholder = "${" + m.key + "}";
      std::string value = m.value.scalar_string().value_or(dump_json(m.value, -1));
      for (size_t at = definition.find(placeholder); at != std::string::npos;
           at = definition.find(placeholder, at + value.size()))
        definition.replace(at, placeholder.size(), value);
    }
  return definition;
}

ProgressEvent StepFunctionsStateMachineProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "StateMachineName");
  if (name.empty())
    name = string_of(model, "Name");
  std::string arn = fmt::format("arn:{}:states:{}:{}:stateMachine:{}", request.partition,
                                request.region, request.account_id, name);
  try {
    backend_.call(kService, "DescribeStateMachine", Json{{"stateMachineArn", arn}});
    return already_exists(name);
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "SFN");
  }
  Json in = {{"name", name}, {"roleArn", string_of(model, "RoleArn")}};
  if (std::string t = string_of(model, "StateMachineType"); !t.empty())
    in["type"] = t;
  for (const auto &[property, member] :
       {std::pair{"LoggingConfiguration", "loggingConfiguration"},
        std::pair{"TracingConfiguration", "tracingConfiguration"},
        std::pair{"EncryptionConfiguration", "encryptionConfiguration"}})
    if (Json c = configuration(model, property); !c.is_null())
      in[member] = c;
  if (Json tags = sfn_tags(model); !tags.empty())
    in["tags"] = tags;
  try {
    in["definition"] = definition_of(model);
    arn = backend_.call(kService, "CreateStateMachine", in).value("stateMachineArn", arn);
    Json described =
        backend_.call(kService, "DescribeStateMachine", Json{{"stateMachineArn", arn}});
    model.set("Arn", Value(arn));
    model.set("Name", Value(name));
    if (described.contains("revisionId"))
      model.set("StateMachineRevisionId", Value(described["revisionId"].get<std::string>()));
    else
      model.erase("StateMachineRevisionId");
  } catch (const services::ServiceError &e) {
    return failure_from(e, "SFN");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent StepFunctionsStateMachineProvider::read(const ResourceHandlerRequest &request) {
  const std::string &arn = request.physical_id;
  Json described, tags;
  try {
    described = backend_.call(kService, "DescribeStateMachine", Json{{"stateMachineArn", arn}});
    tags = backend_.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
               .value("tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "SFN");
  }
  Json m = {{"Arn", arn},
            {"Name", described.value("name", name_of_arn(arn))},
            {"StateMachineName", described.value("name", name_of_arn(arn))},
            {"StateMachineType", described.value("type", "STANDARD")},
            {"RoleArn", described.value("roleArn", "")},
            {"DefinitionString", described.value("definition", "")}};
  if (described.contains("revisionId"))
    m["StateMachineRevisionId"] = described["revisionId"];
  if (described.contains("loggingConfiguration"))
    m["LoggingConfiguration"] = pascal(described["loggingConfiguration"]);
  if (described.contains("tracingConfiguration"))
    m["TracingConfiguration"] = pascal(described["tracingConfiguration"]);
  if (described.contains("encryptionConfiguration"))
    m["EncryptionConfiguration"] = pascal(described["encryptionConfiguration"]);
  Json tag_values = Json::array();
  for (const auto &t : tags)
    tag_values.push_back({{"Key", t.value("key", "")}, {"Value", t.value("value", "")}});
  if (!tag_values.empty())
    m["Tags"] = tag_values;
  return ProgressEvent::success(from_json(m));
}

ProgressEvent StepFunctionsStateMachineProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &arn = request.physical_id;
  Value model = merged_model(*type, request, request.previous_state);
  try {
    Json described =
        backend_.call(kService, "DescribeStateMachine", Json{{"stateMachineArn", arn}});
    Json in = Json::object();
    std::string definition = definition_of(desired);
    if (definition != described.value("definition", ""))
      in["definition"] = definition;
    if (std::string role = string_of(desired, "RoleArn"); role != described.value("roleArn", ""))
      in["roleArn"] = role;
    Json off = {{"level", "OFF"}, {"includeExecutionData", false}};
    Json logging = configuration(desired, "LoggingConfiguration");
    Json logging_full = off;
    if (logging.is_object())
      logging_full.update(logging);
    Json logging_now = off;
    logging_now.update(described.value("loggingConfiguration", Json::object()));
    if (logging_full != logging_now)
      in["loggingConfiguration"] = logging_full;
    Json tracing = configuration(desired, "TracingConfiguration");
    Json tracing_full = {
        {"enabled", tracing.is_object() ? tracing.value("enabled", false) : false}};
    if (tracing_full != described.value("tracingConfiguration", Json{{"enabled", false}}))
      in["tracingConfiguration"] = tracing_full;
    Json encryption = configuration(desired, "EncryptionConfiguration");
    if (encryption.is_null())
      encryption = {{"type", "AWS_OWNED_KEY"}};
    if (encryption != described.value("encryptionConfiguration", Json{{"type", "AWS_OWNED_KEY"}}))
      in["encryptionConfiguration"] = encryption;
    std::string revision = described.value("revisionId", "");
    if (!in.empty()) {
      in["stateMachineArn"] = arn;
      revision = backend_.call(kService, "UpdateStateMachine", in).value("revisionId", revision);
    }
    if (!revision.empty())
      model.set("StateMachineRevisionId", Value(revision));
    Json tags_now = backend_.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                        .value("tags", Json::array());
    TagDiff changes = tag_diff(tags_now, sfn_tags(desired), "key", "value");
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"resourceArn", arn}, {"tagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource", Json{{"resourceArn", arn}, {"tags", changes.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "SFN");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent StepFunctionsStateMachineProvider::remove(const ResourceHandlerRequest &request) {
  try {
    // DeleteStateMachine succeeds for one that is gone; the contract wants NotFound.
    backend_.call(kService, "DescribeStateMachine", Json{{"stateMachineArn", request.physical_id}});
    backend_.call(kService, "DeleteStateMachine", Json{{"stateMachineArn", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "SFN");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent StepFunctionsStateMachineProvider::list(const ResourceHandlerRequest &request) {
  return list_page(
      backend_, request,
      {kService, "ListStateMachines", "nextToken", "stateMachines", "nextToken", "SFN"},
      Json::object(), [](const Json &m) {
        return Value::object({{"Arn", Value(m.value("stateMachineArn", "")), {}}});
      });
}

} // namespace cfnlocal::providers
