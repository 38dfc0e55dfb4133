#pragma once
/// \file
/// Custom resources (`Custom::*`, `AWS::CloudFormation::CustomResource`): each handler sends the
/// CloudFormation request to the ServiceToken and waits for the response, as "Custom resources"
/// and "Custom resource request objects" / "response objects" in the AWS CloudFormation User
/// Guide describe:
/// - the request: {RequestType: Create|Update|Delete, ServiceToken, ResponseURL, StackId,
///   RequestId, ResourceType, LogicalResourceId, PhysicalResourceId (Update, Delete),
///   ResourceProperties, OldResourceProperties (Update)};
/// - a Lambda function ARN is invoked through the backend's `lambda` `Invoke`; an SNS topic ARN
///   delivers the request (an SNS notification whose Message is the request) to the Lambda
///   functions subscribed to it;
/// - the response is the PUT to ResponseURL (a ResponseServer): Status SUCCESS or FAILED,
///   Reason, PhysicalResourceId, Data (what Fn::GetAtt reads), NoEcho;
/// - no response within the ServiceTimeout property (seconds, default 3600) fails the resource;
/// - a handler that raised an error (the Invoke's FunctionError) without responding fails it
///   at once, with the error, instead of waiting for the timeout.
/// An update that answers with another PhysicalResourceId is a replacement: the engine sends
/// the Delete of the old one in the cleanup phase.

#include "providers/resource_provider.h"
#include "providers/response_server.h"
#include "services/backend.h"

#include <chrono>
#include <optional>

namespace cfnlocal::providers {

class CustomResourceProvider : public ResourceProvider {
public:
  /// The environment variable CFNLOCAL_CUSTOM_RESOURCE_TIMEOUT (seconds) overrides every
  /// request's ServiceTimeout (tests, corpora).
  explicit CustomResourceProvider(services::Backend &backend);

  /// Overrides the ServiceTimeout of every request (tests).
  void set_timeout(std::chrono::milliseconds timeout) { timeout_override_ = timeout; }

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The model's PhysicalResourceId.
  std::string physical_id(std::string_view type_name, const Value &model) const override;
  std::optional<Value> ref(std::string_view type_name, const Value &model) const override;
  /// Any attribute: the Data a response returns is not known before.
  bool has_attribute(std::string_view type_name, std::string_view attribute) const override;
  /// The response Data's member `attribute`.
  std::optional<Value> get_att(const ResourceHandlerRequest &request, const Value &model,
                               std::string_view attribute) const override;

private:
  ProgressEvent send(const char *request_type, const ResourceHandlerRequest &request);
  /// Invokes the function(s) behind `token` with `event`; returns the function error, "" if none.
  std::string deliver(const std::string &token, const Json &event);

  services::Backend &backend_;
  ResponseServer server_;
  std::optional<std::chrono::milliseconds> timeout_override_;
};

} // namespace cfnlocal::providers
