#pragma once
/// \file
/// AWS::SQS::QueuePolicy on Amazon SQS's SetQueueAttributes (aws-resource-sqs-queuepolicy.html):
/// the `Policy` attribute of every queue URL in Queues; deleting the resource clears it.
/// The lifecycle is AttachedPolicyProvider's.

#include "providers/attached_policy_provider.h"

namespace cfnlocal::providers {

class SqsQueuePolicyProvider : public AttachedPolicyProvider {
public:
  using AttachedPolicyProvider::AttachedPolicyProvider;

protected:
  std::string_view targets_property() const override { return "Queues"; }
  std::string_view service_label() const override { return "Sqs"; }
  void set_policy(const std::string &queue_url, const std::string &policy) override;
  void reset_policy(const std::string &queue_url) override;
  std::optional<std::string> current_policy(const std::string &queue_url) override;
};

} // namespace cfnlocal::providers
