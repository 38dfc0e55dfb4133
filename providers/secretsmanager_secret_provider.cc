#include "providers/secretsmanager_secret_provider.h"

#include "providers/model_access.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kType = "AWS::SecretsManager::Secret";

constexpr std::string_view kService = "secretsmanager";

} // namespace

std::string SecretsManagerSecretProvider::generate_secret_string(const Value &generate) {
  Json in = Json::object();
  if (auto n = int_of(generate, "PasswordLength"))
    in["PasswordLength"] = *n;
  if (std::string x = string_of(generate, "ExcludeCharacters"); !x.empty())
    in["ExcludeCharacters"] = x;
  for (const char *key : {"ExcludeNumbers", "ExcludePunctuation", "ExcludeUppercase",
                          "ExcludeLowercase", "IncludeSpace", "RequireEachIncludedType"})
    if (auto b = bool_of(generate, key))
      in[key] = *b;
  Json out = backend_.call(kService, "GetRandomPassword", in);
  std::string password = out.value("RandomPassword", "");

  std::string tmpl = string_of(generate, "SecretStringTemplate");
  std::string key = string_of(generate, "GenerateStringKey");
  if (tmpl.empty() && key.empty())
    return password;
  if (tmpl.empty() || key.empty())
    throw services::ServiceError(
        "InvalidRequestException",
        "SecretStringTemplate and GenerateStringKey must be specified together.");
  Json doc = Json::parse(tmpl, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw services::ServiceError("InvalidRequestException",
                                 "SecretStringTemplate must be a valid JSON object.");
  doc[key] = password;
  return doc.dump();
}

ProgressEvent SecretsManagerSecretProvider::create(const ResourceHandlerRequest &request) {
  if (!type_of(request.type_name))
    return unknown_type(request.type_name);
  Value model = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, model))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  if (model.find("SecretString") && model.find("GenerateSecretString"))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  "You can't specify both SecretString and GenerateSecretString.");
  if (string_of(model, "Name").empty())
    model.set("Name",
              Value(request.logical_id + "-" + random_.upper_alnum(6) + random_.lower_alnum(6)));
  Json in{{"Name", string_of(model, "Name")}};
  // Secrets Manager's token is a version id of 32 to 64 characters; a stack token that does not
  // fit is left out (the service then makes its own).
  if (request.client_request_token.size() >= 32 && request.client_request_token.size() <= 64)
    in["ClientRequestToken"] = request.client_request_token;
  for (const char *key : {"Description", "KmsKeyId"})
    if (std::string v = string_of(model, key); !v.empty())
      in[key] = v;
  if (Json tags = tag_list(model.find("Tags")); !tags.empty())
    in["Tags"] = tags;
  try {
    if (const Value *gen = model.find("GenerateSecretString"))
      in["SecretString"] = generate_secret_string(*gen);
    else if (model.find("SecretString"))
      in["SecretString"] = string_of(model, "SecretString");
    Json out = backend_.call(kService, "CreateSecret", in);
    model.set("Id", Value(out.value("ARN", "")));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "SecretsManager");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SecretsManagerSecretProvider::read(const ResourceHandlerRequest &request) {
  Json out;
  try {
    out = backend_.call(kService, "DescribeSecret", Json{{"SecretId", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "SecretsManager");
  }
  if (out.contains("DeletedDate"))
    return not_found(kType, request.physical_id);
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  model.set("Id", Value(out.value("ARN", request.physical_id)));
  model.set("Name", Value(out.value("Name", "")));
  if (out.contains("Description"))
    model.set("Description", Value(out["Description"].get<std::string>()));
  if (out.contains("KmsKeyId"))
    model.set("KmsKeyId", Value(out["KmsKeyId"].get<std::string>()));
  if (out.contains("Tags")) {
    Value tags = Value::array();
    for (const auto &t : out["Tags"])
      tags.push_back(Value::object(
          {{"Key", Value(t.value("Key", ""))}, {"Value", Value(t.value("Value", ""))}}));
    if (tags.size())
      model.set("Tags", std::move(tags));
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SecretsManagerSecretProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  const Value &previous =
      request.previous_state.is_object() ? request.previous_state : Value::object();
  if (auto refusal = update_refusal(*type, request, previous, desired))
    return *refusal;
  Value model = desired;
  model.set("Id", Value(request.physical_id));
  if (!model.find("Name"))
    if (const Value *name = previous.find("Name"))
      model.set("Name", *name);
  try {
    Json in{{"SecretId", request.physical_id}};
    for (const char *key : {"Description", "KmsKeyId"})
      if (std::string v = string_of(model, key); !v.empty() && v != string_of(previous, key))
        in[key] = v;
    const Value *gen = model.find("GenerateSecretString");
    const Value *old_gen = previous.find("GenerateSecretString");
    if (gen && (!old_gen || *gen != *old_gen))
      in["SecretString"] = generate_secret_string(*gen);
    else if (model.find("SecretString") &&
             string_of(model, "SecretString") != string_of(previous, "SecretString"))
      in["SecretString"] = string_of(model, "SecretString");
    if (in.size() > 1)
      backend_.call(kService, "UpdateSecret", in);

    Json old_tags = tag_list(previous.find("Tags"));
    Json new_tags = tag_list(model.find("Tags"));
    TagDiff tags_change = tag_diff(old_tags, new_tags);
    if (!tags_change.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"SecretId", request.physical_id}, {"TagKeys", tags_change.removed}});
    if (!tags_change.set.empty())
      backend_.call(kService, "TagResource",
                    Json{{"SecretId", request.physical_id}, {"Tags", tags_change.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "SecretsManager");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SecretsManagerSecretProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteSecret",
                  Json{{"SecretId", request.physical_id}, {"ForceDeleteWithoutRecovery", true}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "SecretsManager");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SecretsManagerSecretProvider::list(const ResourceHandlerRequest &request) {
  return list_page(
      backend_, request,
      {kService, "ListSecrets", "NextToken", "SecretList", "NextToken", "SecretsManager"},
      Json::object(), [](const Json &s) {
        return Value::object(
            {{"Id", Value(s.value("ARN", ""))}, {"Name", Value(s.value("Name", ""))}});
      });
}

} // namespace cfnlocal::providers
