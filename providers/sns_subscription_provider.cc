#include "providers/sns_subscription_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "sns";
constexpr std::string_view kType = "AWS::SNS::Subscription";

// Subscription attributes, and what SetSubscriptionAttributes takes to undo each one.
struct Attribute {
  const char *name;
  const char *fallback;
};
constexpr Attribute kAttributes[] = {
    {"DeliveryPolicy", ""},
    {"FilterPolicy", ""},
    {"FilterPolicyScope", "MessageAttributes"},
    {"RawMessageDelivery", "false"},
    {"RedrivePolicy", ""},
    {"SubscriptionRoleArn", ""},
    {"ReplayPolicy", ""},
};

Json attributes_of(const Value &model) {
  Json out = Json::object();
  if (!model.is_object())
    return out;
  for (const auto &a : kAttributes) {
    const Value *v = model.find(a.name);
    if (!v)
      continue;
    if (v->is_object() || v->is_array())
      out[a.name] = dump_json(*v, -1);
    else if (v->is_bool())
      out[a.name] = v->as_bool() ? "true" : "false";
    else
      out[a.name] = v->scalar_string().value_or("");
  }
  return out;
}

} // namespace

ProgressEvent SnsSubscriptionProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value model = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, model))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Json in{{"TopicArn", string_of(model, "TopicArn")},
          {"Protocol", string_of(model, "Protocol")},
          {"ReturnSubscriptionArn", true}};
  if (std::string endpoint = string_of(model, "Endpoint"); !endpoint.empty())
    in["Endpoint"] = endpoint;
  if (Json attributes = attributes_of(model); !attributes.empty())
    in["Attributes"] = attributes;
  try {
    std::string arn = backend_.call(kService, "Subscribe", in).value("SubscriptionArn", "");
    model.set("Arn", Value(arn));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Sns");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SnsSubscriptionProvider::read(const ResourceHandlerRequest &request) {
  Json attributes;
  try {
    attributes = backend_
                     .call(kService, "GetSubscriptionAttributes",
                           Json{{"SubscriptionArn", request.physical_id}})
                     .value("Attributes", Json::object());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Sns");
  }
  Value model = Value::object();
  model.set("Arn", Value(request.physical_id));
  for (const char *k : {"TopicArn", "Protocol", "Endpoint"})
    model.set(k, Value(attributes.value(k, "")));
  for (const auto &a : kAttributes) {
    std::string v = attributes.value(a.name, "");
    if (v.empty())
      continue;
    if (std::string_view(a.name) == "RawMessageDelivery") {
      model.set(a.name, Value(v == "true"));
      continue;
    }
    Json parsed = Json::parse(v, nullptr, false);
    model.set(a.name, parsed.is_object() ? from_json(parsed) : Value(v));
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SnsSubscriptionProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &arn = request.physical_id;
  try {
    // Diffed against what SNS holds, so a rollback after a partly applied update converges.
    Json current =
        backend_.call(kService, "GetSubscriptionAttributes", Json{{"SubscriptionArn", arn}})
            .value("Attributes", Json::object());
    Json after = attributes_of(desired);
    auto set = [&](const std::string &name, const std::string &value) {
      backend_.call(
          kService, "SetSubscriptionAttributes",
          Json{{"SubscriptionArn", arn}, {"AttributeName", name}, {"AttributeValue", value}});
    };
    auto differs = [&](const char *name, const std::string &wanted) {
      std::string now = current.value(name, "");
      if (now == wanted)
        return false;
      Json x = Json::parse(now, nullptr, false), y = Json::parse(wanted, nullptr, false);
      return x.is_discarded() || y.is_discarded() || x != y;
    };
    // The scope first: a filter policy is read in its light.
    if (after.contains("FilterPolicyScope") &&
        differs("FilterPolicyScope", after["FilterPolicyScope"]))
      set("FilterPolicyScope", after["FilterPolicyScope"]);
    for (const auto &a : kAttributes) {
      std::string_view name = a.name;
      if (name == "FilterPolicyScope" && after.contains(a.name))
        continue;
      std::string wanted = after.value(a.name, a.fallback);
      if (!after.contains(a.name) && current.value(a.name, "").empty())
        continue; // not set, nothing to undo
      if (differs(a.name, wanted))
        set(a.name, wanted);
    }
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "Sns");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent SnsSubscriptionProvider::remove(const ResourceHandlerRequest &request) {
  try {
    // Unsubscribe succeeds for a subscription that is gone; the contract wants NotFound.
    backend_.call(kService, "GetSubscriptionAttributes",
                  Json{{"SubscriptionArn", request.physical_id}});
    backend_.call(kService, "Unsubscribe", Json{{"SubscriptionArn", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Sns");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SnsSubscriptionProvider::list(const ResourceHandlerRequest &request) {
  return list_page(
      backend_, request,
      {kService, "ListSubscriptions", "NextToken", "Subscriptions", "NextToken", "Sns"},
      Json::object(), [](const Json &s) {
        return Value::object({{"Arn", Value(s.value("SubscriptionArn", "")), {}},
                              {"TopicArn", Value(s.value("TopicArn", "")), {}}});
      });
}

} // namespace cfnlocal::providers
