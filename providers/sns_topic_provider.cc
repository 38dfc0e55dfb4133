#include "providers/sns_topic_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "sns";
constexpr std::string_view kType = "AWS::SNS::Topic";

// Topic attributes that are plain properties, and the value that stands for "not set".
struct Attribute {
  const char *name;
  const char *fallback;
  bool json; ///< an object in the template, JSON text for SNS
};
constexpr Attribute kAttributes[] = {
    {"DisplayName", "", false},
    {"KmsMasterKeyId", "", false},
    {"SignatureVersion", "1", false},
    {"TracingConfig", "PassThrough", false},
    {"ContentBasedDeduplication", "false", false},
    {"FifoThroughputScope", "Topic", false},
    {"ArchivePolicy", "", true},
    {"DataProtectionPolicy", "", true},
};

// DeliveryStatusLogging's protocols as SNS prefixes its attribute names.
std::string logging_prefix(const std::string &protocol) {
  if (protocol == "http/s")
    return "HTTP";
  if (protocol == "sqs")
    return "SQS";
  if (protocol == "lambda")
    return "Lambda";
  if (protocol == "firehose")
    return "Firehose";
  if (protocol == "application")
    return "Application";
  return protocol;
}

constexpr const char *kLoggingFields[] = {"SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate",
                                          "FailureFeedbackRoleArn"};

bool is_logging_attribute(const std::string &name) {
  for (const char *prefix : {"HTTP", "SQS", "Lambda", "Firehose", "Application"})
    for (const char *field : kLoggingFields)
      if (name == std::string(prefix) + field)
        return true;
  return false;
}

// SNS's attribute map for a CloudFormation model (FifoTopic aside).
Json attributes_of(const Value &model) {
  Json out = Json::object();
  if (!model.is_object())
    return out;
  for (const auto &a : kAttributes) {
    const Value *v = model.find(a.name);
    if (!v)
      continue;
    if (a.json)
      out[a.name] = v->is_string() ? v->as_string() : dump_json(*v, -1);
    else if (v->is_bool())
      out[a.name] = v->as_bool() ? "true" : "false";
    else
      out[a.name] = v->scalar_string().value_or(dump_json(*v, -1));
  }
  if (const Value *logging = model.find("DeliveryStatusLogging"); logging && logging->is_array())
    for (const auto &entry : logging->as_array()) {
      std::string prefix = logging_prefix(string_of(entry, "Protocol"));
      for (const char *field : kLoggingFields)
        if (std::string v = string_of(entry, field); !v.empty())
          out[prefix + field] = v;
    }
  return out;
}

std::string fallback_of(const std::string &attribute) {
  for (const auto &a : kAttributes)
    if (attribute == a.name)
      return a.fallback;
  return ""; // delivery-status logging attributes
}

std::set<std::pair<std::string, std::string>> subscriptions_of(const Value &model) {
  std::set<std::pair<std::string, std::string>> out;
  const Value *subs = model.is_object() ? model.find("Subscription") : nullptr;
  if (subs && subs->is_array())
    for (const auto &s : subs->as_array())
      out.emplace(string_of(s, "Protocol"), string_of(s, "Endpoint"));
  return out;
}

} // namespace

ProgressEvent SnsTopicProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  // The generated name (".fifo" appended for FIFO topics) comes with the model.
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "TopicName");
  std::string arn = fmt::format("arn:{}:sns:{}:{}:{}", request.partition, request.region,
                                request.account_id, name);
  try {
    backend_.call(kService, "GetTopicAttributes", Json{{"TopicArn", arn}});
    return ProgressEvent::failure(
        HandlerErrorCode::AlreadyExists,
        fmt::format("Resource handler returned message: \"{} already exists\" "
                    "(HandlerErrorCode: AlreadyExists)",
                    name));
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "Sns");
  }
  Json in{{"Name", name}};
  Json attributes = attributes_of(model);
  if (bool_of(model, "FifoTopic").value_or(false))
    attributes["FifoTopic"] = "true";
  if (!attributes.empty())
    in["Attributes"] = attributes;
  if (Json tags = tag_list(model.find("Tags")); !tags.empty())
    in["Tags"] = tags;
  try {
    arn = backend_.call(kService, "CreateTopic", in).value("TopicArn", arn);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Sns");
  }
  for (const auto &[protocol, endpoint] : subscriptions_of(model)) {
    try {
      backend_.call(kService, "Subscribe",
                    Json{{"TopicArn", arn},
                         {"Protocol", protocol},
                         {"Endpoint", endpoint},
                         {"ReturnSubscriptionArn", true}});
    } catch (const services::ServiceError &e) {
      // Leave nothing behind: the stack never learns the physical ID of a failed create.
      try {
        backend_.call(kService, "DeleteTopic", Json{{"TopicArn", arn}});
      } catch (const services::ServiceError &) {
      }
      return failure_from(e, "Sns");
    }
  }
  model.set("TopicArn", Value(arn));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SnsTopicProvider::read(const ResourceHandlerRequest &request) {
  const std::string &arn = request.physical_id;
  Json attributes, subscriptions, tags;
  try {
    attributes = backend_.call(kService, "GetTopicAttributes", Json{{"TopicArn", arn}})
                     .value("Attributes", Json::object());
    subscriptions = backend_.call(kService, "ListSubscriptionsByTopic", Json{{"TopicArn", arn}})
                        .value("Subscriptions", Json::array());
    tags = backend_.call(kService, "ListTagsForResource", Json{{"ResourceArn", arn}})
               .value("Tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "Sns");
  }
  Value model = Value::object();
  model.set("TopicArn", Value(arn));
  model.set("TopicName", Value(arn.substr(arn.rfind(':') + 1)));
  for (const auto &a : kAttributes) {
    std::string v = attributes.value(a.name, "");
    if (v.empty() || (v == a.fallback && std::string_view(a.name) != "DisplayName"))
      continue;
    if (a.json)
      model.set(a.name, from_json(Json::parse(v, nullptr, false)));
    else if (std::string_view(a.name) == "ContentBasedDeduplication")
      model.set(a.name, Value(v == "true"));
    else
      model.set(a.name, Value(v));
  }
  if (attributes.value("FifoTopic", "false") == "true") {
    model.set("FifoTopic", Value(true));
    model.set("ContentBasedDeduplication",
              Value(attributes.value("ContentBasedDeduplication", "false") == "true"));
  }
  Value logging = Value::array();
  for (const char *protocol : {"http/s", "sqs", "lambda", "firehose", "application"}) {
    Value entry = Value::object();
    for (const char *field : kLoggingFields)
      if (std::string v = attributes.value(logging_prefix(protocol) + field, ""); !v.empty())
        entry.set(field, Value(v));
    if (entry.size()) {
      entry.set("Protocol", Value(protocol));
      logging.push_back(std::move(entry));
    }
  }
  if (logging.size())
    model.set("DeliveryStatusLogging", std::move(logging));
  Value subs = Value::array();
  for (const auto &s : subscriptions)
    subs.push_back(Value::object({{"Endpoint", Value(s.value("Endpoint", "")), {}},
                                  {"Protocol", Value(s.value("Protocol", "")), {}}}));
  if (subs.size())
    model.set("Subscription", std::move(subs));
  Value tag_values = Value::array();
  for (const auto &t : tags)
    tag_values.push_back(Value::object(
        {{"Key", Value(t.value("Key", "")), {}}, {"Value", Value(t.value("Value", "")), {}}}));
  if (tag_values.size())
    model.set("Tags", std::move(tag_values));
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SnsTopicProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &arn = request.physical_id;
  const Value &previous = request.previous_state;
  try {
    // Attributes and tags are diffed against what SNS holds, not the last model: a rollback
    // after a partly applied update then converges too.
    Json current = backend_.call(kService, "GetTopicAttributes", Json{{"TopicArn", arn}})
                       .value("Attributes", Json::object());
    Json after = attributes_of(desired);
    auto set = [&](const std::string &name, const std::string &value) {
      backend_.call(kService, "SetTopicAttributes",
                    Json{{"TopicArn", arn}, {"AttributeName", name}, {"AttributeValue", value}});
    };
    for (const auto &[k, v] : after.items())
      if (current.value(k, fallback_of(k)) != v.get<std::string>())
        set(k, v.get<std::string>());
    bool fifo = current.value("FifoTopic", "false") == "true";
    for (const auto &a : kAttributes) {
      std::string_view name = a.name;
      if (after.contains(a.name) || current.value(a.name, a.fallback) == a.fallback)
        continue;
      if (!fifo && (name == "ContentBasedDeduplication" || name == "FifoThroughputScope" ||
                    name == "ArchivePolicy"))
        continue;
      set(a.name, a.fallback);
    }
    for (const auto &[k, v] : current.items())
      if (is_logging_attribute(k) && !after.contains(k) && !v.get<std::string>().empty())
        set(k, "");

    auto old_subs = subscriptions_of(previous), new_subs = subscriptions_of(desired);
    if (old_subs != new_subs) {
      Json existing = backend_.call(kService, "ListSubscriptionsByTopic", Json{{"TopicArn", arn}})
                          .value("Subscriptions", Json::array());
      for (const auto &s : existing)
        if (old_subs.count({s.value("Protocol", ""), s.value("Endpoint", "")}) &&
            !new_subs.count({s.value("Protocol", ""), s.value("Endpoint", "")}))
          backend_.call(kService, "Unsubscribe",
                        Json{{"SubscriptionArn", s.value("SubscriptionArn", "")}});
      for (const auto &[protocol, endpoint] : new_subs)
        if (!old_subs.count({protocol, endpoint}))
          backend_.call(kService, "Subscribe",
                        Json{{"TopicArn", arn},
                             {"Protocol", protocol},
                             {"Endpoint", endpoint},
                             {"ReturnSubscriptionArn", true}});
    }

    Json old_tags = backend_.call(kService, "ListTagsForResource", Json{{"ResourceArn", arn}})
                        .value("Tags", Json::array());
    Json new_tags = tag_list(desired.find("Tags"));
    TagDiff tags_change = tag_diff(old_tags, new_tags);
    if (!tags_change.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"ResourceArn", arn}, {"TagKeys", tags_change.removed}});
    if (!tags_change.set.empty())
      backend_.call(kService, "TagResource", Json{{"ResourceArn", arn}, {"Tags", tags_change.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, arn, "Sns");
  }
  return ProgressEvent::success(merged_model(*type, request, previous));
}

ProgressEvent SnsTopicProvider::remove(const ResourceHandlerRequest &request) {
  try {
    // DeleteTopic succeeds for a topic that is gone; the contract wants NotFound.
    backend_.call(kService, "GetTopicAttributes", Json{{"TopicArn", request.physical_id}});
    backend_.call(kService, "DeleteTopic", Json{{"TopicArn", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Sns");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SnsTopicProvider::list(const ResourceHandlerRequest &request) {
  return list_page(backend_, request,
                   {kService, "ListTopics", "NextToken", "Topics", "NextToken", "Sns"},
                   Json::object(), [](const Json &t) {
                     return Value::object({{"TopicArn", Value(t.value("TopicArn", "")), {}}});
                   });
}

} // namespace cfnlocal::providers
