#pragma once
/// \file
/// AWS::SQS::QueuePolicy on Amazon SQS's SetQueueAttributes (aws-resource-sqs-queuepolicy.html):
/// create sets the `Policy` attribute of every queue URL in Queues (each must exist; SQS checks
/// the document), update sets it on the new list and clears it from queues no longer listed,
/// delete clears it (queues already gone are skipped). The physical ID and Ref are a generated
/// Id. Read checks every queue still carries the policy.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SqsQueuePolicyProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
};

} // namespace cfnlocal::providers
