#include "providers/lambda_providers.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "lambda";
constexpr std::string_view kVersion = "AWS::Lambda::Version";
constexpr std::string_view kAlias = "AWS::Lambda::Alias";
constexpr std::string_view kPermission = "AWS::Lambda::Permission";
constexpr std::string_view kLayerVersion = "AWS::Lambda::LayerVersion";
constexpr std::string_view kMapping = "AWS::Lambda::EventSourceMapping";
constexpr std::string_view kUrl = "AWS::Lambda::Url";

// Members copied under the same name when the model has them.
Json members_of(const Value &model, std::initializer_list<const char *> names) {
  Json out = Json::object();
  for (const char *name : names)
    if (const Value *v = model.find(name))
      out[name] = to_json(*v);
  return out;
}

// CloudFormation's [{FunctionVersion, FunctionWeight}] as Lambda's {version: weight}.
Json routing_of(const Value &model) {
  Json weights = Json::object();
  if (const Value *routing = model.find("RoutingConfig"))
    if (const Value *list = routing->find("AdditionalVersionWeights"); list && list->is_array())
      for (const auto &w : list->as_array()) {
        const Value *given = w.find("FunctionWeight");
        Json weight = given ? to_json(*given) : Json(0);
        if (weight.is_string())
          weight = std::stod(weight.get<std::string>());
        weights[string_of(w, "FunctionVersion")] = weight;
      }
  return Json{{"AdditionalVersionWeights", weights}};
}

Value routing_model(const Json &routing) {
  Value list = Value::array();
  for (const auto &[version, weight] :
       routing.value("AdditionalVersionWeights", Json::object()).items())
    list.push_back(Value::object({{"FunctionVersion", Value(version), {}},
                                  {"FunctionWeight", Value(weight.get<double>()), {}}}));
  return Value::object({{"AdditionalVersionWeights", std::move(list), {}}});
}

// The event source mapping members of a model (Lambda's names).
Json mapping_input(const Value &model, bool creating) {
  Json out = Json::object();
  for (const auto &member : model.as_object()) {
    const std::string &k = member.key;
    if (k == "Id" || k == "EventSourceMappingArn" || k == "Tags")
      continue;
    if (!creating &&
        (k == "EventSourceArn" || k == "StartingPosition" || k == "StartingPositionTimestamp" ||
         k == "SelfManagedEventSource" || k == "Topics" || k == "Queues"))
      continue;
    out[k == "KmsKeyArn" ? "KMSKeyArn" : k] = to_json(member.value);
  }
  if (creating) {
    Json tags = Json::object();
    for (const auto &t : tag_list(model.find("Tags")))
      tags[t["Key"].get<std::string>()] = t["Value"];
    if (!tags.empty())
      out["Tags"] = tags;
  }
  return out;
}

std::pair<std::string, std::string> split_last(const std::string &text, char sep) {
  size_t at = text.rfind(sep);
  if (at == std::string::npos)
    return {text, ""};
  return {text.substr(0, at), text.substr(at + 1)};
}

std::string function_name_of_arn(const std::string &arn) {
  size_t at = arn.find(":function:");
  if (at == std::string::npos)
    return arn;
  std::string rest = arn.substr(at + 10);
  return rest.substr(0, rest.find(':'));
}

// A statement id for a Permission: "stack-Logical-RANDOM" within the 100-character limit.
std::string statement_id(const ResourceHandlerRequest &request, RandomSource &random) {
  std::string out;
  for (char ch : request.stack_name + "-" + request.logical_id)
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_')
      out += ch;
  if (out.size() > 86)
    out.resize(86);
  return out + "-" + random.upper_alnum(13);
}

} // namespace

const std::vector<std::string> &LambdaResourceProvider::types() {
  static const std::vector<std::string> all = {std::string(kVersion),    std::string(kAlias),
                                               std::string(kPermission), std::string(kLayerVersion),
                                               std::string(kMapping),    std::string(kUrl)};
  return all;
}

Value LambdaResourceProvider::created_model(const ResourceHandlerRequest &request, Value model) {
  const std::string &type = request.type_name;
  if (type == kVersion) {
    Json in = members_of(model, {"FunctionName", "Description", "CodeSha256"});
    Json out = backend_.call(kService, "PublishVersion", in);
    model.set("FunctionArn", Value(out.value("FunctionArn", "")));
    model.set("Version", Value(out.value("Version", "")));
  } else if (type == kAlias) {
    Json in = members_of(model, {"FunctionName", "Name", "FunctionVersion", "Description"});
    if (model.find("RoutingConfig"))
      in["RoutingConfig"] = routing_of(model);
    model.set("AliasArn", Value(backend_.call(kService, "CreateAlias", in).value("AliasArn", "")));
  } else if (type == kPermission) {
    std::string id = statement_id(request, random_);
    Json in = members_of(model, {"FunctionName", "Action", "Principal", "SourceArn",
                                 "SourceAccount", "EventSourceToken", "PrincipalOrgID",
                                 "FunctionUrlAuthType", "InvokedViaFunctionUrl"});
    in["StatementId"] = id;
    backend_.call(kService, "AddPermission", in);
    model.set("Id", Value(id));
  } else if (type == kLayerVersion) {
    // CloudFormation names a layer the template leaves unnamed.
    if (!model.find("LayerName")) {
      const schema::ResourceType *t = type_of(type);
      const Json &property = t->schema()["properties"]["LayerName"];
      model.set("LayerName",
                Value(generated_name(property, SynthesisScope::from(request), random_)));
    }
    Json in = members_of(model, {"LayerName", "Content", "CompatibleRuntimes",
                                 "CompatibleArchitectures", "Description", "LicenseInfo"});
    Json out = backend_.call(kService, "PublishLayerVersion", in);
    model.set("LayerVersionArn", Value(out.value("LayerVersionArn", "")));
  } else if (type == kMapping) {
    Json out = backend_.call(kService, "CreateEventSourceMapping", mapping_input(model, true));
    model.set("Id", Value(out.value("UUID", "")));
    model.set("EventSourceMappingArn", Value(out.value("EventSourceMappingArn", "")));
  } else if (type == kUrl) {
    Json in = members_of(model, {"Qualifier", "AuthType", "Cors", "InvokeMode"});
    in["FunctionName"] = string_of(model, "TargetFunctionArn");
    Json out = backend_.call(kService, "CreateFunctionUrlConfig", in);
    model.set("FunctionArn", Value(out.value("FunctionArn", "")));
    model.set("FunctionUrl", Value(out.value("FunctionUrl", "")));
  }
  return model;
}

ProgressEvent LambdaResourceProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  try {
    return ProgressEvent::success(created_model(request, std::move(model)));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Lambda");
  }
}

ProgressEvent LambdaResourceProvider::read(const ResourceHandlerRequest &request) {
  const std::string &type = request.type_name;
  const std::string &id = request.physical_id;
  Value model = Value::object();
  try {
    if (type == kVersion) {
      Json c = backend_.call(kService, "GetFunctionConfiguration", Json{{"FunctionName", id}});
      model.set("FunctionName", Value(function_name_of_arn(id)));
      model.set("FunctionArn", Value(c.value("FunctionArn", "")));
      model.set("Version", Value(c.value("Version", "")));
      if (std::string d = c.value("Description", ""); !d.empty())
        model.set("Description", Value(d));
    } else if (type == kAlias) {
      auto [function, name] = split_last(id, ':');
      Json a =
          backend_.call(kService, "GetAlias", Json{{"FunctionName", function}, {"Name", name}});
      model.set("AliasArn", Value(a.value("AliasArn", "")));
      model.set("FunctionName", Value(function_name_of_arn(function)));
      model.set("Name", Value(name));
      model.set("FunctionVersion", Value(a.value("FunctionVersion", "")));
      if (std::string d = a.value("Description", ""); !d.empty())
        model.set("Description", Value(d));
      if (a.contains("RoutingConfig"))
        model.set("RoutingConfig", routing_model(a["RoutingConfig"]));
    } else if (type == kPermission) {
      auto [function, sid] = split_last(id, '|');
      Json policy =
          Json::parse(backend_.call(kService, "GetPolicy", Json{{"FunctionName", function}})
                          .value("Policy", "{}"));
      std::optional<Json> found;
      for (const auto &s : policy.value("Statement", Json::array()))
        if (s.value("Sid", "") == sid)
          found = s;
      if (!found)
        return not_found(type, id);
      model.set("FunctionName", Value(function));
      model.set("Id", Value(sid));
      model.set("Action", Value(found->value("Action", "")));
      const Json &principal = (*found)["Principal"];
      model.set("Principal",
                Value(principal.is_string()           ? principal.get<std::string>()
                      : principal.contains("Service") ? principal["Service"].get<std::string>()
                                                      : principal.value("AWS", "")));
      const Json condition = found->value("Condition", Json::object());
      if (condition.contains("ArnLike"))
        model.set("SourceArn", Value(condition["ArnLike"].value("AWS:SourceArn", "")));
      if (condition.contains("StringEquals") &&
          condition["StringEquals"].contains("AWS:SourceAccount"))
        model.set("SourceAccount",
                  Value(condition["StringEquals"]["AWS:SourceAccount"].get<std::string>()));
    } else if (type == kLayerVersion) {
      auto [layer, version] = split_last(id, ':');
      Json l = backend_.call(kService, "GetLayerVersion",
                             Json{{"LayerName", layer}, {"VersionNumber", std::stoll(version)}});
      model.set("LayerVersionArn", Value(l.value("LayerVersionArn", "")));
      model.set("LayerName", Value(split_last(layer, ':').second));
      for (const char *m : {"Description", "LicenseInfo"})
        if (std::string v = l.value(m, ""); !v.empty())
          model.set(m, Value(v));
      for (const char *m : {"CompatibleRuntimes", "CompatibleArchitectures"})
        if (l.contains(m))
          model.set(m, from_json(l[m]));
    } else if (type == kMapping) {
      Json m = backend_.call(kService, "GetEventSourceMapping", Json{{"UUID", id}});
      model.set("Id", Value(id));
      model.set("FunctionName", Value(m.value("FunctionArn", "")));
      model.set("Enabled", Value(m.value("State", "Enabled") != "Disabled"));
      for (const auto &[k, v] : m.items())
        if (k == "EventSourceArn" || k == "BatchSize" || k == "MaximumBatchingWindowInSeconds" ||
            k == "StartingPosition" || k == "FilterCriteria" || k == "FunctionResponseTypes" ||
            k == "ScalingConfig" || k == "EventSourceMappingArn" || k == "DestinationConfig")
          model.set(k, from_json(v));
    } else if (type == kUrl) {
      Json u = backend_.call(kService, "GetFunctionUrlConfig", Json{{"FunctionName", id}});
      auto [function, qualifier] = split_last(id, ':');
      bool qualified = function.find(":function:") != std::string::npos;
      model.set("TargetFunctionArn", Value(qualified ? function : id));
      if (qualified)
        model.set("Qualifier", Value(qualifier));
      for (const char *m : {"FunctionArn", "FunctionUrl", "AuthType", "InvokeMode"})
        model.set(m, Value(u.value(m, "")));
      if (u.contains("Cors"))
        model.set("Cors", from_json(u["Cors"]));
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, type, id, "Lambda");
  }
  return ProgressEvent::success(std::move(model));
}

void LambdaResourceProvider::update_calls(const ResourceHandlerRequest &request,
                                          const Value &desired) {
  const std::string &type = request.type_name;
  const std::string &id = request.physical_id;
  if (type == kAlias) {
    auto [function, name] = split_last(id, ':');
    Json in = {{"FunctionName", function},
               {"Name", name},
               {"FunctionVersion", string_of(desired, "FunctionVersion")},
               {"Description", string_of(desired, "Description")},
               {"RoutingConfig", routing_of(desired)}};
    backend_.call(kService, "UpdateAlias", in);
  } else if (type == kMapping) {
    Json in = mapping_input(desired, false);
    in["UUID"] = id;
    if (!in.contains("Enabled"))
      in["Enabled"] = true;
    backend_.call(kService, "UpdateEventSourceMapping", in);
  } else if (type == kUrl) {
    Json in = members_of(desired, {"AuthType", "InvokeMode"});
    in["FunctionName"] = id;
    in["Cors"] = desired.find("Cors") ? to_json(*desired.find("Cors")) : Json::object();
    if (!in.contains("InvokeMode"))
      in["InvokeMode"] = "BUFFERED";
    backend_.call(kService, "UpdateFunctionUrlConfig", in);
  }
  // Version, Permission and LayerVersion: every property Lambda keeps is createOnly.
}

ProgressEvent LambdaResourceProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  try {
    update_calls(request, desired);
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "Lambda");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent LambdaResourceProvider::remove(const ResourceHandlerRequest &request) {
  const std::string &type = request.type_name;
  const std::string &id = request.physical_id;
  try {
    if (type == kVersion) {
      backend_.call(kService, "DeleteFunction", Json{{"FunctionName", id}});
    } else if (type == kAlias) {
      auto [function, name] = split_last(id, ':');
      backend_.call(kService, "DeleteAlias", Json{{"FunctionName", function}, {"Name", name}});
    } else if (type == kPermission) {
      auto [function, sid] = split_last(id, '|');
      backend_.call(kService, "RemovePermission",
                    Json{{"FunctionName", function}, {"StatementId", sid}});
    } else if (type == kLayerVersion) {
      auto [layer, version] = split_last(id, ':');
      backend_.call(kService, "DeleteLayerVersion",
                    Json{{"LayerName", layer}, {"VersionNumber", std::stoll(version)}});
    } else if (type == kMapping) {
      backend_.call(kService, "DeleteEventSourceMapping", Json{{"UUID", id}});
    } else if (type == kUrl) {
      backend_.call(kService, "DeleteFunctionUrlConfig", Json{{"FunctionName", id}});
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, type, id, "Lambda");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent LambdaResourceProvider::list(const ResourceHandlerRequest &request) {
  if (request.type_name != kMapping)
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  fmt::format("Listing {} needs the function (or layer) it "
                                              "belongs to: Lambda lists them per function.",
                                              request.type_name));
  try {
    Json out = backend_.call(kService, "ListEventSourceMappings", Json::object());
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &m : out.value("EventSourceMappings", Json::array()))
      event.resource_models.push_back(Value::object({{"Id", Value(m.value("UUID", "")), {}}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Lambda");
  }
}

} // namespace cfnlocal::providers
