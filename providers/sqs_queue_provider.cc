#include "providers/sqs_queue_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "sqs";
constexpr std::string_view kType = "AWS::SQS::Queue";

// Integer attributes with SQS's defaults (Amazon SQS API Reference, CreateQueue).
struct IntAttribute {
  const char *name;
  const char *fallback;
};
constexpr IntAttribute kIntAttributes[] = {
    {"DelaySeconds", "0"},
    {"MaximumMessageSize", "1048576"},
    {"MessageRetentionPeriod", "345600"},
    {"ReceiveMessageWaitTimeSeconds", "0"},
    {"VisibilityTimeout", "30"},
    {"KmsDataKeyReusePeriodSeconds", "300"},
};
// Other attributes and the value that stands for "not set" when the template drops them.
struct OtherAttribute {
  const char *name;
  const char *fallback;
  bool boolean;
};
constexpr OtherAttribute kOtherAttributes[] = {
    {"ContentBasedDeduplication", "false", true},
    {"SqsManagedSseEnabled", "true", true},
    {"DeduplicationScope", "queue", false},
    {"FifoThroughputLimit", "perQueue", false},
    {"KmsMasterKeyId", "", false},
};
constexpr const char *kJsonAttributes[] = {"RedrivePolicy", "RedriveAllowPolicy"};

Json desired_tags(const Value &model) {
  return tag_list(model.is_object() ? model.find("Tags") : nullptr);
}

std::string name_from_url(const std::string &url) {
  size_t slash = url.rfind('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

// A JSON attribute read back as the object the template would give.
Value json_attribute(const std::string &text) {
  Json parsed = Json::parse(text, nullptr, false);
  if (parsed.is_discarded())
    return Value(text);
  return from_json(parsed);
}

} // namespace

Json SqsQueueProvider::attributes_of(const Value &model) {
  Json out = Json::object();
  if (!model.is_object())
    return out;
  for (const auto &a : kIntAttributes)
    if (auto n = int_of(model, a.name))
      out[a.name] = std::to_string(*n);
    else if (std::string s = string_of(model, a.name); !s.empty())
      out[a.name] = s; // SQS says what is wrong with it
  for (const auto &a : kOtherAttributes) {
    if (!model.find(a.name))
      continue;
    if (a.boolean) {
      if (auto b = bool_of(model, a.name))
        out[a.name] = *b ? "true" : "false";
      else
        out[a.name] = string_of(model, a.name);
    } else {
      out[a.name] = string_of(model, a.name);
    }
  }
  // A standard queue is the absence of FifoQueue: SQS only takes "true".
  if (bool_of(model, "FifoQueue").value_or(false))
    out["FifoQueue"] = "true";
  for (const char *name : kJsonAttributes)
    if (const Value *v = model.find(name))
      out[name] = v->is_string() ? v->as_string() : dump_json(*v, -1);
  return out;
}

Json SqsQueueProvider::attribute_changes(const Json &current, const Value &desired) {
  Json wanted = attributes_of(desired);
  wanted.erase("FifoQueue"); // createOnly: a change replaces the queue
  // Redrive policies compare as JSON (SQS keeps its own spelling of the text).
  auto same = [](const std::string &name, const std::string &a, const std::string &b) {
    if (a == b)
      return true;
    if (name != "RedrivePolicy" && name != "RedriveAllowPolicy")
      return false;
    Json x = Json::parse(a, nullptr, false), y = Json::parse(b, nullptr, false);
    if (x.is_discarded() || y.is_discarded())
      return false;
    for (Json *j : {&x, &y})
      if (j->contains("maxReceiveCount") && (*j)["maxReceiveCount"].is_string())
        (*j)["maxReceiveCount"] = std::stoll((*j)["maxReceiveCount"].get<std::string>());
    return x == y;
  };
  Json changes = Json::object();
  for (const auto &[k, v] : wanted.items())
    if (!same(k, current.value(k, ""), v.get<std::string>()))
      changes[k] = v;
  bool kms = wanted.contains("KmsMasterKeyId");
  auto reset = [&](const std::string &name, const std::string &fallback) {
    if (wanted.contains(name) || current.value(name, fallback) == fallback)
      return;
    changes[name] = fallback; // "" removes RedrivePolicy, RedriveAllowPolicy, KmsMasterKeyId
  };
  for (const auto &a : kIntAttributes)
    if (std::string_view(a.name) != "KmsDataKeyReusePeriodSeconds" || kms)
      reset(a.name, a.fallback);
  for (const auto &a : kOtherAttributes)
    if (std::string_view(a.name) != "SqsManagedSseEnabled" || !kms)
      reset(a.name, a.fallback);
  for (const char *name : kJsonAttributes)
    reset(name, "");
  // FIFO-only attributes exist on FIFO queues only.
  if (current.value("FifoQueue", "false") != "true")
    for (const char *name :
         {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"})
      if (!wanted.contains(name))
        changes.erase(name);
  return changes;
}

ProgressEvent SqsQueueProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  // The generated name (".fifo" appended for FIFO queues) comes with the model.
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "QueueName");
  try {
    backend_.call(kService, "GetQueueUrl", Json{{"QueueName", name}});
    return ProgressEvent::failure(
        HandlerErrorCode::AlreadyExists,
        fmt::format("Resource handler returned message: \"{} already exists\" "
                    "(HandlerErrorCode: AlreadyExists)",
                    name));
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "Sqs");
  }
  Json in{{"QueueName", name}};
  if (Json attributes = attributes_of(model); !attributes.empty())
    in["Attributes"] = attributes;
  if (Json tags = tag_map(desired_tags(model)); !tags.empty())
    in["tags"] = tags;
  try {
    std::string url = backend_.call(kService, "CreateQueue", in).value("QueueUrl", "");
    Json got = backend_.call(kService, "GetQueueAttributes",
                             Json{{"QueueUrl", url}, {"AttributeNames", {"QueueArn"}}});
    model.set("QueueUrl", Value(url));
    model.set("Arn", Value(got["Attributes"].value("QueueArn", "")));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Sqs");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SqsQueueProvider::read(const ResourceHandlerRequest &request) {
  const std::string &url = request.physical_id;
  Json attributes, tags;
  try {
    attributes = backend_
                     .call(kService, "GetQueueAttributes",
                           Json{{"QueueUrl", url}, {"AttributeNames", {"All"}}})
                     .value("Attributes", Json::object());
    tags = backend_.call(kService, "ListQueueTags", Json{{"QueueUrl", url}})
               .value("Tags", Json::object());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, url, "Sqs");
  }
  // The queue as SQS reports it, every attribute the type models.
  Value model = Value::object();
  model.set("QueueUrl", Value(url));
  model.set("QueueName", Value(name_from_url(url)));
  model.set("Arn", Value(attributes.value("QueueArn", "")));
  for (const auto &a : kIntAttributes)
    if (attributes.contains(a.name))
      model.set(a.name,
                Value(static_cast<int64_t>(std::stoll(attributes[a.name].get<std::string>()))));
  bool fifo = attributes.value("FifoQueue", "false") == "true";
  if (fifo)
    model.set("FifoQueue", Value(true));
  for (const auto &a : kOtherAttributes) {
    if (!attributes.contains(a.name))
      continue;
    std::string v = attributes[a.name];
    model.set(a.name, a.boolean ? Value(v == "true") : Value(v));
  }
  for (const char *name : kJsonAttributes)
    if (attributes.contains(name))
      model.set(name, json_attribute(attributes[name]));
  if (!tags.empty()) {
    Value list = Value::array();
    for (const auto &[k, v] : tags.items())
      list.push_back(
          Value::object({{"Key", Value(k), {}}, {"Value", Value(v.get<std::string>()), {}}}));
    model.set("Tags", std::move(list));
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SqsQueueProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, desired))
    return *refusal;
  const std::string &url = request.physical_id;
  const Value &previous = request.previous_state;
  // Changes are computed against what SQS holds, not the last model: a rollback after a
  // partly applied update then converges too.
  try {
    Json current = backend_
                       .call(kService, "GetQueueAttributes",
                             Json{{"QueueUrl", url}, {"AttributeNames", {"All"}}})
                       .value("Attributes", Json::object());
    if (Json changes = attribute_changes(current, desired); !changes.empty())
      backend_.call(kService, "SetQueueAttributes",
                    Json{{"QueueUrl", url}, {"Attributes", changes}});
    Json before = backend_.call(kService, "ListQueueTags", Json{{"QueueUrl", url}})
                      .value("Tags", Json::object());
    TagDiff tags_change = tag_diff(tag_list_of(before), desired_tags(desired));
    if (!tags_change.removed.empty())
      backend_.call(kService, "UntagQueue",
                    Json{{"QueueUrl", url}, {"TagKeys", tags_change.removed}});
    if (!tags_change.set.empty())
      backend_.call(kService, "TagQueue",
                    Json{{"QueueUrl", url}, {"Tags", tag_map(tags_change.set)}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, url, "Sqs");
  }
  return ProgressEvent::success(merged_model(*type, request, previous));
}

ProgressEvent SqsQueueProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteQueue", Json{{"QueueUrl", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "Sqs");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SqsQueueProvider::list(const ResourceHandlerRequest &request) {
  return list_page(backend_, request,
                   {kService, "ListQueues", "NextToken", "QueueUrls", "NextToken", "Sqs"},
                   Json{{"MaxResults", 1000}}, [](const Json &url) {
                     return Value::object({{"QueueUrl", Value(url.get<std::string>()), {}}});
                   });
}

} // namespace cfnlocal::providers
