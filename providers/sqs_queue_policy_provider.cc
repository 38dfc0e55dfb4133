#include "providers/sqs_queue_policy_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "sqs";

std::vector<std::string> queues_of(const Value &model) {
  std::vector<std::string> out;
  const Value *queues = model.is_object() ? model.find("Queues") : nullptr;
  if (queues && queues->is_array())
    for (const auto &q : queues->as_array())
      out.push_back(q.scalar_string().value_or(""));
  return out;
}

std::string policy_text(const Value &model) {
  const Value *doc = model.is_object() ? model.find("PolicyDocument") : nullptr;
  if (!doc)
    return "";
  return doc->is_string() ? doc->as_string() : dump_json(*doc, -1);
}

} // namespace

ProgressEvent SqsQueuePolicyProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string policy = policy_text(model);
  std::vector<std::string> done;
  for (const auto &url : queues_of(model)) {
    try {
      backend_.call(kService, "SetQueueAttributes",
                    Json{{"QueueUrl", url}, {"Attributes", {{"Policy", policy}}}});
      done.push_back(url);
    } catch (const services::ServiceError &e) {
      // Undo the queues already set: a failed create leaves nothing behind.
      for (const auto &d : done) {
        try {
          backend_.call(kService, "SetQueueAttributes",
                        Json{{"QueueUrl", d}, {"Attributes", {{"Policy", ""}}}});
        } catch (const services::ServiceError &) {
        }
      }
      return failure_from(e, "Sqs");
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SqsQueuePolicyProvider::read(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object() ? request.previous_state : Value::object();
  std::string policy = policy_text(model);
  for (const auto &url : queues_of(model)) {
    try {
      Json out = backend_.call(kService, "GetQueueAttributes",
                               Json{{"QueueUrl", url}, {"AttributeNames", {"Policy"}}});
      std::string current = out.value("Attributes", Json::object()).value("Policy", "");
      if (current.empty())
        return not_found("AWS::SQS::QueuePolicy", request.physical_id);
      if (current != policy)
        model.set("PolicyDocument", from_json(Json::parse(current, nullptr, false)));
    } catch (const services::ServiceError &e) {
      if (is_not_found(e))
        return not_found("AWS::SQS::QueuePolicy", request.physical_id);
      return failure_from(e, "Sqs");
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SqsQueuePolicyProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, desired))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  std::string policy = policy_text(desired);
  auto wanted = queues_of(desired);
  std::set<std::string> keep(wanted.begin(), wanted.end());
  try {
    for (const auto &url : wanted)
      backend_.call(kService, "SetQueueAttributes",
                    Json{{"QueueUrl", url}, {"Attributes", {{"Policy", policy}}}});
    for (const auto &url : queues_of(request.previous_state)) {
      if (keep.count(url))
        continue;
      try {
        backend_.call(kService, "SetQueueAttributes",
                      Json{{"QueueUrl", url}, {"Attributes", {{"Policy", ""}}}});
      } catch (const services::ServiceError &e) {
        if (!is_not_found(e))
          throw;
      }
    }
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Sqs");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent SqsQueuePolicyProvider::remove(const ResourceHandlerRequest &request) {
  // The policy lives on the queues: clear it from each one still there.
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  for (const auto &url : queues_of(model)) {
    try {
      backend_.call(kService, "SetQueueAttributes",
                    Json{{"QueueUrl", url}, {"Attributes", {{"Policy", ""}}}});
    } catch (const services::ServiceError &e) {
      if (!is_not_found(e))
        return failure_from(e, "Sqs");
    }
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SqsQueuePolicyProvider::list(const ResourceHandlerRequest &) {
  // Queue policies are attributes of queues, not resources SQS can list.
  return ProgressEvent::success(Value());
}

} // namespace cfnlocal::providers
