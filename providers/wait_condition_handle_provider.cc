#include "providers/wait_condition_handle_provider.h"

#include "parser/diagnostic.h"

#include <charconv>

namespace cfnlocal::providers {

namespace {
Value model_for(const std::string &url) {
  Value model = Value::object();
  model.set("Id", Value(url));
  return model;
}
} // namespace

WaitConditionHandleProvider::WaitConditionHandleProvider(GenericProvider &generic,
                                                         RandomSource &random)
    : generic_(generic), random_(random) {}

std::optional<WaitConditionHandleProvider::UrlParts>
WaitConditionHandleProvider::parse_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://127.0.0.1:";
  constexpr std::string_view kPath = "/signals/";
  if (!url.starts_with(kScheme))
    return std::nullopt;
  url.remove_prefix(kScheme.size());
  size_t slash = url.find('/');
  if (slash == std::string_view::npos || url.substr(slash, kPath.size()) != kPath)
    return std::nullopt;
  UrlParts parts;
  auto [end, error] = std::from_chars(url.data(), url.data() + slash, parts.port);
  if (error != std::errc() || end != url.data() + slash)
    return std::nullopt;
  parts.token = std::string(url.substr(slash + kPath.size()));
  if (parts.token.empty() || parts.token.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                           "0123456789-") != std::string::npos)
    return std::nullopt;
  return parts;
}

ProgressEvent WaitConditionHandleProvider::create(const ResourceHandlerRequest &request) {
  if (auto failure = generic_.validation_failure(
          request, request.desired_state.is_null() ? Value::object() : request.desired_state))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  try {
    return ProgressEvent::success(model_for(server_.signal_url(random_.lower_alnum(32))));
  } catch (const Error &e) {
    return ProgressEvent::failure(HandlerErrorCode::ServiceInternalError, e.message());
  }
}

ProgressEvent WaitConditionHandleProvider::read(const ResourceHandlerRequest &request) {
  return ProgressEvent::success(model_for(request.physical_id));
}

ProgressEvent WaitConditionHandleProvider::update(const ResourceHandlerRequest &request) {
  if (auto failure = generic_.validation_failure(
          request, request.desired_state.is_null() ? Value::object() : request.desired_state))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  return ProgressEvent::success(model_for(request.physical_id));
}

ProgressEvent WaitConditionHandleProvider::remove(const ResourceHandlerRequest &) {
  return ProgressEvent::success(Value());
}

ProgressEvent WaitConditionHandleProvider::list(const ResourceHandlerRequest &) {
  return ProgressEvent::success(Value());
}

std::string WaitConditionHandleProvider::physical_id(std::string_view, const Value &model) const {
  const Value *id = model.find("Id");
  return id && id->is_string() ? id->as_string() : "";
}

std::optional<Value> WaitConditionHandleProvider::ref(std::string_view type_name,
                                                      const Value &model) const {
  std::string id = physical_id(type_name, model);
  if (id.empty())
    return std::nullopt;
  return Value(id);
}

bool WaitConditionHandleProvider::has_attribute(std::string_view,
                                                std::string_view attribute) const {
  return attribute == "Id";
}

std::optional<Value> WaitConditionHandleProvider::get_att(const ResourceHandlerRequest &,
                                                          const Value &model,
                                                          std::string_view attribute) const {
  if (attribute != "Id")
    return std::nullopt;
  return ref(kWaitConditionHandleType, model);
}

} // namespace cfnlocal::providers
