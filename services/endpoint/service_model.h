#pragma once
/// \file
/// A service's model as the endpoint backend reads it: botocore's service-2.json trimmed by
/// scripts/services/generate_models.py (metadata, operations, shapes with their serialisation
/// keys). Field names are botocore's; see
/// https://smithy.io/2.0/aws/protocols/ for what each protocol does with them.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cfnlocal::services::endpoint {

/// Model documents keep the order botocore writes members in: XML bodies list elements in it.
using ModelJson = nlohmann::ordered_json;

/// One bundled service model. Immutable once loaded; shared by every caller.
class ServiceModel {
public:
  /// `service` is botocore's service id; `doc` the trimmed model document.
  ServiceModel(std::string service, ModelJson doc);

  const std::string &service() const { return service_; }
  /// metadata.protocol: "query", "ec2", "json", "rest-json" or "rest-xml".
  const std::string &protocol() const { return protocol_; }
  /// metadata.signingName, else endpointPrefix (what SigV4's credential scope names).
  const std::string &signing_name() const { return signing_name_; }
  /// metadata.endpointPrefix ("s3", "ssm", "sts", ...), the AWS host name's first label.
  const std::string &endpoint_prefix() const { return endpoint_prefix_; }
  const std::string &api_version() const { return api_version_; }
  /// metadata.targetPrefix (json protocol's X-Amz-Target), "" when absent.
  const std::string &target_prefix() const { return target_prefix_; }
  /// metadata.jsonVersion ("1.0", "1.1"), "1.0" when absent.
  const std::string &json_version() const { return json_version_; }
  /// metadata.globalEndpoint ("iam.amazonaws.com"), "" when regional.
  const std::string &global_endpoint() const { return global_endpoint_; }

  /// The operation's entry ({"http":{method,requestUri},"input","output","resultWrapper",
  /// "errors"}), or nullptr when the service has no such operation.
  const ModelJson *operation(std::string_view name) const;
  /// Every operation's name, in the model's (sorted) order.
  const std::vector<std::string> &operation_names() const { return operation_names_; }
  /// A shape by name, or nullptr.
  const ModelJson *shape(std::string_view name) const;
  /// The shape a member/list-member/map-key reference ({"shape": name, ...}) points at. Throws
  /// std::out_of_range for a reference to an unknown shape (a broken bundle).
  const ModelJson &resolve(const ModelJson &ref) const;

private:
  std::string service_;
  ModelJson doc_;
  std::unordered_map<std::string, const ModelJson *> operations_, shapes_;
  std::vector<std::string> operation_names_;
  std::string protocol_, signing_name_, endpoint_prefix_, api_version_, target_prefix_,
      json_version_, global_endpoint_;
};

/// The bundled model of `service` (botocore's service id), parsed on first use; nullptr when
/// the bundle has no such service. Thread-safe.
const ServiceModel *service_model(std::string_view service);

/// The members `operation`'s request carries in its body (no "location": not bound to the URI,
/// query string or headers), in the model's order. For an Update operation these are the
/// fields of the resource it can change, which providers and embedded services both copy
/// (apigatewayv2 UpdateRoute: ApiKeyRequired, ..., Target). Throws std::out_of_range when the
/// bundle has no such service or operation: a caller names them at compile time.
std::vector<std::string> body_members(std::string_view service, std::string_view operation);

/// The bundled service ids, sorted.
std::vector<std::string> bundled_services();

} // namespace cfnlocal::services::endpoint
