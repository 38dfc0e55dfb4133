#include "providers/custom_resource_provider.h"

#include "parser/json.h"
#include "services/yielding_lock.h"

#include <cstdlib>
#include <fmt/format.h>
#include <mutex>
#include <random>

namespace cfnlocal::providers {

namespace {

constexpr auto kDefaultTimeout = std::chrono::seconds(3600);

/// CloudFormation hands custom resources every scalar property value as a string.
Json as_strings(const Json &v) {
  if (v.is_object()) {
    Json out = Json::object();
    for (const auto &[k, item] : v.items())
      out[k] = as_strings(item);
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &item : v)
      out.push_back(as_strings(item));
    return out;
  }
  if (v.is_boolean())
    return v.get<bool>() ? "true" : "false";
  if (v.is_number())
    return v.dump();
  return v;
}

std::string new_request_id() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard lock(mutex);
  std::uniform_int_distribution<uint64_t> d;
  uint64_t a = d(engine), b = d(engine);
  std::string hex = fmt::format("{:016x}{:016x}", a, b);
  return fmt::format("{}-{}-4{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(13, 3),
                     hex.substr(16, 4), hex.substr(20, 12));
}

Json properties_json(const Value &properties) {
  return properties.is_object() ? as_strings(to_json(properties)) : Json::object();
}

/// The properties a model was made from (the model keeps them under "Properties").
Value properties_of_model(const Value &model) {
  const Value *p = model.find("Properties");
  return p ? *p : Value::object();
}

std::chrono::milliseconds service_timeout(const Value &properties) {
  if (const Value *t = properties.find("ServiceTimeout"))
    if (auto text = t->scalar_string())
      try {
        long seconds = std::stol(*text);
        if (seconds > 0)
          return std::chrono::seconds(seconds);
      } catch (const std::exception &) {
      }
  return kDefaultTimeout;
}

} // namespace

CustomResourceProvider::CustomResourceProvider(services::Backend &backend) : backend_(backend) {
  if (const char *env = std::getenv("CFNLOCAL_CUSTOM_RESOURCE_TIMEOUT"))
    try {
      timeout_override_ = std::chrono::milliseconds(static_cast<long>(std::stod(env) * 1000));
    } catch (const std::exception &) {
    }
}

std::string CustomResourceProvider::deliver(const std::string &token, const Json &event) {
  std::vector<std::string> functions;
  Json payload = event;
  if (token.rfind("arn:", 0) == 0 && token.find(":sns:") != std::string::npos) {
    // An SNS topic: the request is the Message of a notification to its Lambda subscribers.
    Json subs = backend_.call("sns", "ListSubscriptionsByTopic", Json{{"TopicArn", token}});
    std::string subscription;
    for (const auto &s : subs.value("Subscriptions", Json::array()))
      if (s.value("Protocol", "") == "lambda") {
        functions.push_back(s.value("Endpoint", ""));
        subscription = s.value("SubscriptionArn", "");
      }
    if (functions.empty())
      throw services::ServiceError("InvalidRequest",
                                   "The SNS topic " + token +
                                       " has no Lambda function subscribed to receive the request");
    Json sns = {
        {"Type", "Notification"},  {"MessageId", new_request_id()},
        {"TopicArn", token},       {"Subject", "AWS CloudFormation custom resource request"},
        {"Message", event.dump()}, {"Timestamp", "1970-01-01T00:00:00.000Z"},
        {"SignatureVersion", "1"}, {"MessageAttributes", Json::object()}};
    payload = Json{{"Records", Json::array({Json{{"EventSource", "aws:sns"},
                                                 {"EventVersion", "1.0"},
                                                 {"EventSubscriptionArn", subscription},
                                                 {"Sns", sns}}})}};
  } else {
    functions.push_back(token);
  }
  std::string error;
  for (const auto &fn : functions) {
    Json out = backend_.call("lambda", "Invoke",
                             Json{{"FunctionName", fn},
                                  {"InvocationType", "RequestResponse"},
                                  {"Payload", payload.dump()}});
    if (out.contains("FunctionError") && !out["FunctionError"].is_null()) {
      std::string detail;
      if (out.contains("Payload")) {
        const Json &p = out["Payload"];
        detail = p.is_string() ? p.get<std::string>() : p.dump();
        try {
          Json parsed = Json::parse(detail);
          if (parsed.is_object() && parsed.contains("errorMessage"))
            detail = parsed.value("errorType", std::string("Error")) + ": " +
                     parsed["errorMessage"].dump();
        } catch (const std::exception &) {
        }
      }
      error = fmt::format("{} ({})", detail,
                          out["FunctionError"].is_string() ? out["FunctionError"].get<std::string>()
                                                           : out["FunctionError"].dump());
    }
  }
  return error;
}

ProgressEvent CustomResourceProvider::send(const char *request_type,
                                           const ResourceHandlerRequest &request) {
  bool creating = std::string_view(request_type) == "Create";
  bool deleting = std::string_view(request_type) == "Delete";
  Value properties = deleting ? properties_of_model(request.previous_state) : request.desired_state;
  const Value *token = properties.find("ServiceToken");
  if (!token || !token->is_string() || token->as_string().empty())
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  "Properties validation failed for resource " +
                                      request.logical_id +
                                      " with message: #: required key [ServiceToken] not found");
  std::string request_id = new_request_id();
  Json event = Json::object();
  event["RequestType"] = request_type;
  event["ServiceToken"] = token->as_string();
  event["ResponseURL"] = server_.url_for(request_id);
  event["StackId"] = request.stack_id;
  event["RequestId"] = request_id;
  event["LogicalResourceId"] = request.logical_id;
  if (!creating)
    event["PhysicalResourceId"] = request.physical_id;
  event["ResourceType"] = request.type_name;
  event["ResourceProperties"] = properties_json(properties);
  if (std::string_view(request_type) == "Update")
    event["OldResourceProperties"] = properties_json(properties_of_model(request.previous_state));

  std::string function_error;
  try {
    function_error = deliver(token->as_string(), event);
  } catch (const services::ServiceError &e) {
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  fmt::format("Failed to send the request to the custom resource "
                                              "ServiceToken {}: {}",
                                              token->as_string(), e.what()));
  }
  auto timeout = timeout_override_.value_or(service_timeout(properties));
  std::optional<Json> response = services::blocking([&] {
    return server_.wait(request_id,
                        function_error.empty() ? timeout : std::chrono::milliseconds(0));
  });
  if (!response) {
    if (!function_error.empty())
      return ProgressEvent::failure(
          HandlerErrorCode::GeneralServiceException,
          fmt::format("The custom resource handler failed without sending a response: {} "
                      "(RequestId: {})",
                      function_error, request_id));
    return ProgressEvent::failure(
        HandlerErrorCode::ServiceTimeout,
        fmt::format("CloudFormation did not receive a response from your Custom Resource. Please "
                    "check your custom resource in order to ensure that the response was sent. "
                    "(RequestId: {})",
                    request_id));
  }
  std::string physical = response->value("PhysicalResourceId", std::string());
  if (physical.empty() && !creating)
    physical = request.physical_id;
  Value model = Value::object();
  model.set("Properties", properties);
  model.set("PhysicalResourceId", Value(physical));
  if (response->contains("Data") && (*response)["Data"].is_object())
    model.set("Data", from_json((*response)["Data"]));
  if (response->value("NoEcho", false))
    model.set("NoEcho", Value(true));
  std::string status = response->value("Status", std::string());
  if (status == "FAILED") {
    auto failed = ProgressEvent::failure(
        HandlerErrorCode::GeneralServiceException,
        fmt::format("Received response status [FAILED] from custom resource. Message returned: {} "
                    "(RequestId: {})",
                    response->value("Reason", std::string("(no reason)")), request_id));
    // A Create that failed with a physical ID is sent a Delete when the stack rolls back, as
    // CloudFormation does.
    if (creating && !physical.empty())
      failed.resource_model = std::move(model);
    return failed;
  }
  if (status != "SUCCESS")
    return ProgressEvent::failure(
        HandlerErrorCode::InvalidRequest,
        fmt::format("Invalid response status [{}] from custom resource: it must be SUCCESS or "
                    "FAILED (RequestId: {})",
                    status, request_id));
  if (physical.empty())
    return ProgressEvent::failure(
        HandlerErrorCode::InvalidRequest,
        fmt::format("Invalid PhysicalResourceId (RequestId: {})", request_id));
  if (deleting)
    return ProgressEvent::success(Value());
  return ProgressEvent::success(std::move(model));
}

ProgressEvent CustomResourceProvider::create(const ResourceHandlerRequest &request) {
  return send("Create", request);
}

ProgressEvent CustomResourceProvider::update(const ResourceHandlerRequest &request) {
  return send("Update", request);
}

ProgressEvent CustomResourceProvider::remove(const ResourceHandlerRequest &request) {
  return send("Delete", request);
}

ProgressEvent CustomResourceProvider::read(const ResourceHandlerRequest &request) {
  // CloudFormation cannot read a custom resource: what it knows is the last response.
  if (request.previous_state.is_object())
    return ProgressEvent::success(request.previous_state);
  return ProgressEvent::failure(HandlerErrorCode::UnsupportedTarget,
                                "Custom resources cannot be read");
}

ProgressEvent CustomResourceProvider::list(const ResourceHandlerRequest &) {
  return ProgressEvent::failure(HandlerErrorCode::UnsupportedTarget,
                                "Custom resources cannot be listed");
}

std::string CustomResourceProvider::physical_id(std::string_view, const Value &model) const {
  const Value *id = model.find("PhysicalResourceId");
  return id && id->is_string() ? id->as_string() : std::string();
}

std::optional<Value> CustomResourceProvider::ref(std::string_view, const Value &model) const {
  const Value *id = model.find("PhysicalResourceId");
  if (!id)
    return std::nullopt;
  return *id;
}

bool CustomResourceProvider::has_attribute(std::string_view, std::string_view) const {
  return true;
}

std::optional<Value> CustomResourceProvider::get_att(const ResourceHandlerRequest &,
                                                     const Value &model,
                                                     std::string_view attribute) const {
  const Value *data = model.find("Data");
  if (!data || !data->is_object())
    return std::nullopt;
  const Value *v = data->find(attribute);
  if (!v)
    return std::nullopt;
  return *v;
}

} // namespace cfnlocal::providers
