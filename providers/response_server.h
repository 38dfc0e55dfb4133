#pragma once
/// \file
/// The local endpoint custom resources answer to: an HTTP server on 127.0.0.1 (a free port)
/// that accepts the PUT of a custom resource response at the ResponseURL it hands out, as the
/// pre-signed S3 URL of "Custom resource response objects" (AWS CloudFormation User Guide) would.
/// It runs in its own thread from the first request until the server is destroyed.

#include "parser/json.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace cfnlocal::providers {

class ResponseServer {
public:
  ResponseServer();
  ~ResponseServer();
  ResponseServer(const ResponseServer &) = delete;
  ResponseServer &operator=(const ResponseServer &) = delete;

  /// The URL to PUT the response of `request_id` to ("http://127.0.0.1:PORT/responses/ID").
  /// Starts the server on first use. Throws cfnlocal::Error when no port can be bound.
  std::string url_for(const std::string &request_id);

  /// Waits until the response of `request_id` arrives or `timeout` passes, or `give_up` (checked
  /// every 100 ms) returns true. Returns the response body (a JSON object; a body that is not
  /// JSON becomes {"Status": "FAILED", "Reason": "..."}), nullopt on timeout or give-up.
  std::optional<Json> wait(const std::string &request_id, std::chrono::milliseconds timeout,
                           const std::function<bool()> &give_up = {});

private:
  void start();
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::string, Json> responses_;
};

} // namespace cfnlocal::providers
