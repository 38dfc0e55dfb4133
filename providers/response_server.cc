#include "providers/response_server.h"

#include "parser/diagnostic.h"

#include <fmt/format.h>
#include <httplib.h>
#include <utility>

namespace cfnlocal::providers {

ResponseServer::ResponseServer() = default;

ResponseServer::~ResponseServer() = default;

void ResponseServer::start(int preferred_port) {
  serving_ = std::make_unique<services::ServingThread>();
  httplib::Server &server = serving_->server();
  auto on_signal = [this](const httplib::Request &req, httplib::Response &res) {
    Json body;
    try {
      body = Json::parse(req.body);
    } catch (const std::exception &) {
    }
    const char *problem = nullptr;
    if (!body.is_object())
      problem = "the signal is not a JSON object";
    else if (!body.contains("Status") || !body["Status"].is_string() ||
             (body["Status"] != "SUCCESS" && body["Status"] != "FAILURE"))
      problem = "the signal's Status must be SUCCESS or FAILURE";
    else if (!body.contains("UniqueId") || !body["UniqueId"].is_string() ||
             body["UniqueId"].get<std::string>().empty())
      problem = "the signal needs a UniqueId";
    if (problem) {
      res.status = 400;
      res.set_content(fmt::format("Unparsable WaitCondition data: {}\n", problem), "text/plain");
      return;
    }
    {
      std::lock_guard lock(mutex_);
      signals_.push_back(Signal{req.matches[1].str(), std::move(body)});
    }
    arrived_.notify_all();
    res.status = 200;
  };
  server.Put(R"(/signals/([A-Za-z0-9-]+))", on_signal);
  server.Post(R"(/signals/([A-Za-z0-9-]+))", on_signal);
  server.Put(R"(/responses/([A-Za-z0-9-]+))",
             [this](const httplib::Request &req, httplib::Response &res) {
               Json body;
               try {
                 body = Json::parse(req.body);
                 if (!body.is_object())
                   throw std::runtime_error("not an object");
               } catch (const std::exception &) {
                 body = Json{{"Status", "FAILED"},
                             {"Reason", "The custom resource response is not a JSON object: " +
                                            req.body.substr(0, 200)}};
               }
               {
                 std::lock_guard lock(mutex_);
                 responses_[req.matches[1].str()] = std::move(body);
               }
               arrived_.notify_all();
               res.status = 200;
             });
  port_ = preferred_port > 0 ? serving_->start("127.0.0.1", preferred_port) : 0;
  if (port_ == 0)
    port_ = serving_->start("127.0.0.1", 0);
  if (port_ == 0) {
    serving_.reset();
    throw Error("cannot open a local port for custom resource responses");
  }
}

std::string ResponseServer::url_for(const std::string &request_id) {
  std::lock_guard lock(mutex_);
  if (!serving_)
    start();
  return fmt::format("http://127.0.0.1:{}/responses/{}", port_, request_id);
}

std::string ResponseServer::signal_url(const std::string &token, int preferred_port) {
  std::lock_guard lock(mutex_);
  if (!serving_)
    start(preferred_port);
  return fmt::format("http://127.0.0.1:{}/signals/{}", port_, token);
}

void ResponseServer::listen(int preferred_port) {
  std::lock_guard lock(mutex_);
  if (!serving_)
    start(preferred_port);
}

std::vector<ResponseServer::Signal> ResponseServer::take_signals() {
  std::lock_guard lock(mutex_);
  return std::exchange(signals_, {});
}

std::optional<Json> ResponseServer::wait(const std::string &request_id,
                                         std::chrono::milliseconds timeout,
                                         const std::function<bool()> &give_up) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  while (true) {
    if (auto it = responses_.find(request_id); it != responses_.end()) {
      Json out = std::move(it->second);
      responses_.erase(it);
      return out;
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline)
      return std::nullopt;
    arrived_.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(100)));
    if (give_up && !responses_.count(request_id)) {
      lock.unlock();
      bool stop = give_up();
      lock.lock();
      if (stop && !responses_.count(request_id))
        return std::nullopt;
    }
  }
}

} // namespace cfnlocal::providers
