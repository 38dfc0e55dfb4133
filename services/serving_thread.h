#pragma once
/// \file
/// A cpp-httplib server that serves from a background thread: the lifecycle the local HTTP
/// endpoints share (the HTTP front of the embedded services, the custom resource response and
/// wait condition server). Stopping is safe at any time after start, also before the thread
/// reaches httplib's accept loop (httplib drops a stop() that comes earlier, and the join would
/// then wait forever).

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace cfnlocal::services {

class ServingThread {
public:
  ServingThread();
  /// Stops the server and joins its thread.
  ~ServingThread();
  ServingThread(const ServingThread &) = delete;
  ServingThread &operator=(const ServingThread &) = delete;

  /// The server, to register handlers and options on before start().
  httplib::Server &server() { return *server_; }

  /// Binds `host`:`port` (0: an ephemeral port) and serves from a new thread. Returns the bound
  /// port, or 0 when the address cannot be bound (nothing is started then; start may be called
  /// again, e.g. with port 0). A port another socket listens on is never shared (no
  /// SO_REUSEPORT). Throws std::logic_error when already serving.
  int start(const std::string &host, int port);
  /// Whether start() succeeded.
  bool started() const { return thread_.joinable(); }

  /// Stops the server once it is serving; in-flight requests finish. Idempotent; returns at once.
  void stop();
  /// Blocks until the server stops (stop() from another thread, or a signal handler's).
  void wait();

private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> finished_ = false;
};

} // namespace cfnlocal::services
