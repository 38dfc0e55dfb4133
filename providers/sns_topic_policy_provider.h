#pragma once
/// \file
/// AWS::SNS::TopicPolicy on Amazon SNS's SetTopicAttributes (aws-resource-sns-topicpolicy.html):
/// create sets the Policy attribute of every topic ARN in Topics (each must exist; SNS checks the
/// document), update sets it on the new list and puts the default policy back on topics no
/// longer listed, delete puts the default policy back (topics already gone are skipped). The
/// physical ID and Ref are a generated Id.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SnsTopicPolicyProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
