#include "providers/sns_topic_policy_provider.h"

namespace cfnlocal::providers {
namespace {

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

void SnsTopicPolicyProvider::set_policy(const std::string &topic_arn, const std::string &policy) {
  backend_.call(
      "sns", "SetTopicAttributes",
      Json{{"TopicArn", topic_arn}, {"AttributeName", "Policy"}, {"AttributeValue", policy}});
}

void SnsTopicPolicyProvider::reset_policy(const std::string &topic_arn) {
  set_policy(topic_arn, default_policy(topic_arn));
}

std::optional<std::string> SnsTopicPolicyProvider::current_policy(const std::string &topic_arn) {
  // Every topic carries a policy (the default one at least).
  Json out = backend_.call("sns", "GetTopicAttributes", Json{{"TopicArn", topic_arn}});
  return out.value("Attributes", Json::object()).value("Policy", "");
}

} // namespace cfnlocal::providers
