#include "services/serving_thread.h"

#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <sys/socket.h>

namespace cfnlocal::services {

ServingThread::ServingThread() : server_(std::make_unique<httplib::Server>()) {
  // httplib's default also sets SO_REUSEPORT, with which a second process binds a port another
  // one listens on and the kernel splits the connections between them. SO_REUSEADDR alone still
  // rebinds a port an exited process left in TIME_WAIT.
  server_->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
}

ServingThread::~ServingThread() {
  stop();
  wait();
}

int ServingThread::start(const std::string &host, int port) {
  if (thread_.joinable())
    throw std::logic_error("ServingThread::start: already serving");
  int bound =
      port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : 0);
  if (bound <= 0)
    return 0;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    finished_ = true;
  });
  return bound;
}

void ServingThread::stop() {
  if (!thread_.joinable())
    return;
  // httplib's stop() only interrupts a server that is in its accept loop: one stopped right after
  // start must first get there. Bounded (2 s), for a listen that failed at once.
  for (int i = 0; i < 2000 && !server_->is_running() && !finished_; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->stop();
}

void ServingThread::wait() {
  if (thread_.joinable())
    thread_.join();
}

} // namespace cfnlocal::services
