#include "providers/sqs_queue_policy_provider.h"

namespace cfnlocal::providers {

void SqsQueuePolicyProvider::set_policy(const std::string &queue_url, const std::string &policy) {
  backend_.call("sqs", "SetQueueAttributes",
                Json{{"QueueUrl", queue_url}, {"Attributes", {{"Policy", policy}}}});
}

void SqsQueuePolicyProvider::reset_policy(const std::string &queue_url) {
  // An empty Policy attribute removes the queue's policy.
  set_policy(queue_url, "");
}

std::optional<std::string> SqsQueuePolicyProvider::current_policy(const std::string &queue_url) {
  Json out = backend_.call("sqs", "GetQueueAttributes",
                           Json{{"QueueUrl", queue_url}, {"AttributeNames", {"Policy"}}});
  std::string policy = out.value("Attributes", Json::object()).value("Policy", "");
  if (policy.empty())
    return std::nullopt;
  return policy;
}

} // namespace cfnlocal::providers
