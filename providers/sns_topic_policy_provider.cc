#include "providers/sns_topic_policy_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "sns";

std::vector<std::string> topics_of(const Value &model) {
  std::vector<std::string> out;
  const Value *topics = model.is_object() ? model.find("Topics") : nullptr;
  if (topics && topics->is_array())
    for (const auto &t : topics->as_array())
      out.push_back(t.scalar_string().value_or(""));
  return out;
}

std::string policy_text(const Value &model) {
  const Value *doc = model.is_object() ? model.find("PolicyDocument") : nullptr;
  if (!doc)
    return "";
  return doc->is_string() ? doc->as_string() : dump_json(*doc, -1);
}

// The policy SNS gives every new topic (what deleting a TopicPolicy puts back): its owner may
// manage the topic and publish to it.
std::string default_policy(const std::string &topic_arn) {
  std::string account;
  // arn:partition:sns:region:account:name
  size_t pos = 0;
  for (int i = 0; i < 4 && pos != std::string::npos; ++i)
    pos = topic_arn.find(':', pos + 1);
  if (pos != std::string::npos)
    account = topic_arn.substr(pos + 1, topic_arn.find(':', pos + 1) - pos - 1);
  Json policy = {{"Version", "2008-10-17"},
                 {"Id", "__default_policy_ID"},
                 {"Statement",
                  {{{"Sid", "__default_statement_ID"},
                    {"Effect", "Allow"},
                    {"Principal", {{"AWS", "*"}}},
                    {"Action",
                     {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                      "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
                      "SNS:ListSubscriptionsByTopic", "SNS:Publish"}},
                    {"Resource", topic_arn},
                    {"Condition", {{"StringEquals", {{"AWS:SourceOwner", account}}}}}}}}};
  return policy.dump();
}

} // namespace

ProgressEvent SnsTopicPolicyProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string policy = policy_text(model);
  std::vector<std::string> done;
  for (const auto &arn : topics_of(model)) {
    try {
      backend_.call(
          kService, "SetTopicAttributes",
          Json{{"TopicArn", arn}, {"AttributeName", "Policy"}, {"AttributeValue", policy}});
      done.push_back(arn);
    } catch (const services::ServiceError &e) {
      // Undo the topics already set: a failed create leaves nothing behind.
      for (const auto &d : done) {
        try {
          backend_.call(kService, "SetTopicAttributes",
                        Json{{"TopicArn", d},
                             {"AttributeName", "Policy"},
                             {"AttributeValue", default_policy(d)}});
        } catch (const services::ServiceError &) {
        }
      }
      return failure_from(e, "Sns");
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SnsTopicPolicyProvider::read(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object() ? request.previous_state : Value::object();
  for (const auto &arn : topics_of(model)) {
    try {
      backend_.call(kService, "GetTopicAttributes", Json{{"TopicArn", arn}});
    } catch (const services::ServiceError &e) {
      if (is_not_found(e))
        return not_found("AWS::SNS::TopicPolicy", request.physical_id);
      return failure_from(e, "Sns");
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent SnsTopicPolicyProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, desired))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  std::string policy = policy_text(desired);
  auto wanted = topics_of(desired);
  std::set<std::string> keep(wanted.begin(), wanted.end());
  try {
    for (const auto &arn : wanted)
      backend_.call(
          kService, "SetTopicAttributes",
          Json{{"TopicArn", arn}, {"AttributeName", "Policy"}, {"AttributeValue", policy}});
    for (const auto &arn : topics_of(request.previous_state)) {
      if (keep.count(arn))
        continue;
      try {
        backend_.call(kService, "SetTopicAttributes",
                      Json{{"TopicArn", arn},
                           {"AttributeName", "Policy"},
                           {"AttributeValue", default_policy(arn)}});
      } catch (const services::ServiceError &e) {
        if (!is_not_found(e))
          throw;
      }
    }
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Sns");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent SnsTopicPolicyProvider::remove(const ResourceHandlerRequest &request) {
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  for (const auto &arn : topics_of(model)) {
    try {
      backend_.call(kService, "SetTopicAttributes",
                    Json{{"TopicArn", arn},
                         {"AttributeName", "Policy"},
                         {"AttributeValue", default_policy(arn)}});
    } catch (const services::ServiceError &e) {
      if (!is_not_found(e))
        return failure_from(e, "Sns");
    }
  }
  return ProgressEvent::success(Value());
}

ProgressEvent SnsTopicPolicyProvider::list(const ResourceHandlerRequest &) {
  // Topic policies are attributes of topics, not resources SNS can list.
  return ProgressEvent::success(Value());
}

} // namespace cfnlocal::providers
