#pragma once
// A backend wrapper whose Lambda Invoke runs a C++ callback (the function's handler); every
// other operation goes to the wrapped backend (the embedded services).

#include "services/backend.h"

#include <functional>
#include <gtest/gtest.h>
#include <httplib.h>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace cfnlocal::engine::testing {

/// Gets the FunctionName and the event; returns the Invoke's Payload (what the handler returned).
using InvokeHandler = std::function<Json(const std::string &function, const Json &event)>;

class InvokingBackend : public services::Backend {
public:
  InvokingBackend(std::unique_ptr<services::Backend> inner, InvokeHandler handler,
                  std::vector<Json> &events)
      : inner_(std::move(inner)), handler_(std::move(handler)), events_(events) {}

  Json call(std::string_view service, std::string_view operation, const Json &input) override {
    if (service != "lambda" || operation != "Invoke")
      return inner_->call(service, operation, input);
    Json event = Json::parse(input.at("Payload").get<std::string>());
    events_.push_back(event);
    Json result = handler_(input.value("FunctionName", ""), event);
    return Json{{"StatusCode", 200}, {"Payload", result.dump()}};
  }
  const std::string &region() const override { return inner_->region(); }
  const std::string &account_id() const override { return inner_->account_id(); }

private:
  std::unique_ptr<services::Backend> inner_;
  InvokeHandler handler_;
  std::vector<Json> &events_;
};

/// PUTs `response` to the custom resource event's ResponseURL, as the cfnresponse module does.
inline void put_response(const Json &event, const Json &response) {
  std::smatch m;
  std::string url = event.at("ResponseURL").get<std::string>();
  static const std::regex form(R"(http://([^:/]+):(\d+)(/.*))");
  ASSERT_TRUE(std::regex_match(url, m, form)) << url;
  httplib::Client client(m[1].str(), std::stoi(m[2].str()));
  auto res = client.Put(m[3].str(), response.dump(), "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

} // namespace cfnlocal::engine::testing
