#pragma once
/// \file
/// AWS::SNS::TopicPolicy on Amazon SNS's SetTopicAttributes (aws-resource-sns-topicpolicy.html):
/// the Policy attribute of every topic ARN in Topics; deleting the resource puts back the default
/// policy SNS gives every new topic. The lifecycle is AttachedPolicyProvider's.

#include "providers/attached_policy_provider.h"

namespace cfnlocal::providers {

class SnsTopicPolicyProvider : public AttachedPolicyProvider {
public:
  using AttachedPolicyProvider::AttachedPolicyProvider;

protected:
  std::string_view targets_property() const override { return "Topics"; }
  std::string_view service_label() const override { return "Sns"; }
  void set_policy(const std::string &topic_arn, const std::string &policy) override;
  void reset_policy(const std::string &topic_arn) override;
  std::optional<std::string> current_policy(const std::string &topic_arn) override;
};

} // namespace cfnlocal::providers
