#pragma once
/// \file
/// The local endpoint that stands in for CloudFormation's pre-signed S3 URLs: an HTTP server on
/// 127.0.0.1 (a free port) that accepts
/// - the PUT of a custom resource response at the ResponseURL it hands out ("Custom resource
///   response objects", AWS CloudFormation User Guide);
/// - the PUT or POST of a wait condition signal (cfn-signal's JSON body {"Status":
///   "SUCCESS"|"FAILURE", "Reason", "UniqueId", "Data"}) at a wait condition handle's URL
///   ("Create wait conditions in a CloudFormation template"). Signals wait in a mailbox until
///   `take_signals` collects them.
/// It runs in its own thread from the first URL handed out until the server is destroyed.

#include "parser/json.h"
#include "services/serving_thread.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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

  /// The URL of wait condition handle `token` ("http://127.0.0.1:PORT/signals/TOKEN"; token of
  /// [A-Za-z0-9-]). Starts the server on first use, on `preferred_port` when that port is
  /// free (a handle made by an earlier process keeps its URL), else on any free port. Throws
  /// cfnlocal::Error when no port can be bound.
  std::string signal_url(const std::string &token, int preferred_port = 0);
  /// Starts the server, if not running, on `preferred_port` when free (else any free port).
  void listen(int preferred_port = 0);

  /// A signal PUT or POSTed to a handle URL: its token and the JSON body.
  struct Signal {
    std::string token;
    Json body;
  };
  /// The signals received since the last call, in arrival order. A body that is not a JSON
  /// object with Status SUCCESS or FAILURE and a UniqueId is refused with HTTP 400 and never
  /// listed.
  std::vector<Signal> take_signals();

private:
  void start(int preferred_port = 0);
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::string, Json> responses_;
  std::vector<Signal> signals_;
  // Last, so it stops (and its handlers, which use the members above, finish) first.
  std::unique_ptr<services::ServingThread> serving_;
};

} // namespace cfnlocal::providers
