#pragma once
/// \file
/// AWS::CloudFormation::WaitConditionHandle (aws-resource-cloudformation-waitconditionhandle.html):
/// `Ref` and the physical ID are the URL signals go to. AWS hands out a pre-signed S3 URL; here it
/// is "http://127.0.0.1:PORT/signals/TOKEN" on this process's ResponseServer, live while the
/// process runs (`deploy --wait-for-signals` waits there). A PUT or POST of cfn-signal's JSON body
/// to it is a signal for the wait conditions whose Handle is this URL. The handle keeps no record:
/// its URL is all there is, and deleting it only forgets it.

#include "providers/generic_provider.h"
#include "providers/random_source.h"
#include "providers/resource_provider.h"
#include "providers/response_server.h"

#include <optional>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

inline constexpr std::string_view kWaitConditionHandleType =
    "AWS::CloudFormation::WaitConditionHandle";

class WaitConditionHandleProvider : public ResourceProvider {
public:
  /// `generic` validates properties (the type has none); `random` makes URL tokens. Both must
  /// outlive the provider.
  WaitConditionHandleProvider(GenericProvider &generic, RandomSource &random);

  /// The server the handle URLs point at; the engine collects their signals from it.
  ResponseServer &server() { return server_; }

  /// The token of a handle URL this provider hands out ("http://HOST:PORT/signals/TOKEN"), and
  /// its port; nullopt for any other URL.
  struct UrlParts {
    std::string token;
    int port = 0;
  };
  static std::optional<UrlParts> parse_url(std::string_view url);

  /// SUCCESS with {Id: URL}; FAILED InvalidRequest when properties are given.
  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  /// Nothing to change: SUCCESS with the same model (InvalidRequest for properties).
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  /// Handles have no list handler in the registry: SUCCESS with none.
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The URL (the model's Id).
  std::string physical_id(std::string_view type_name, const Value &model) const override;
  std::optional<Value> ref(std::string_view type_name, const Value &model) const override;
  /// "Id" only.
  bool has_attribute(std::string_view type_name, std::string_view attribute) const override;
  std::optional<Value> get_att(const ResourceHandlerRequest &request, const Value &model,
                               std::string_view attribute) const override;

private:
  GenericProvider &generic_;
  RandomSource &random_;
  ResponseServer server_;
};

} // namespace cfnlocal::providers
