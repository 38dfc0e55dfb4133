#pragma once
/// \file
/// The shape shared by the policy types that are not resources of their own but an attribute set
/// on each of a list of targets: AWS::SQS::QueuePolicy (the Policy attribute of every queue URL in
/// Queues) and AWS::SNS::TopicPolicy (of every topic ARN in Topics). Create sets the document on
/// each target (each must exist; the service checks the document) and undoes the targets already
/// set when one fails, so a failed create leaves nothing behind; update sets it on the new list
/// and resets targets no longer listed; delete resets every target still there; read checks every
/// target still carries a policy and reports the one it finds. The physical ID and Ref are a
/// generated Id. Subclasses say how their service sets, resets and reads the attribute.

#include "providers/generic_provider.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

class AttachedPolicyProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  /// Empty: the policies are attributes of their targets, not resources a service can list.
  ProgressEvent list(const ResourceHandlerRequest &request) override;

protected:
  /// The property listing the targets ("Queues").
  virtual std::string_view targets_property() const = 0;
  /// The service's name in failure messages ("Sqs").
  virtual std::string_view service_label() const = 0;
  /// Sets `policy` (a JSON document as text) on `target`. Throws services::ServiceError.
  virtual void set_policy(const std::string &target, const std::string &policy) = 0;
  /// Puts back what `target` carries without this resource. Throws services::ServiceError.
  virtual void reset_policy(const std::string &target) = 0;
  /// The policy `target` carries now; nullopt when it carries none. Throws services::ServiceError
  /// (NotFound when the target is gone).
  virtual std::optional<std::string> current_policy(const std::string &target) = 0;
};

} // namespace cfnlocal::providers
