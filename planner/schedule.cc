#include "planner/schedule.h"

#include <fmt/format.h>

#include <stdexcept>

namespace cfnlocal::planner {

namespace {
// The vertices a vertex waits for, and the ones that wait for it, in the schedule's direction.
std::vector<size_t> waits_for(const ResourceGraph &g, size_t v, Direction d) {
  return d == Direction::Forward ? g.dependencies(v) : g.dependents(v);
}
std::vector<size_t> waited_by(const ResourceGraph &g, size_t v, Direction d) {
  return d == Direction::Forward ? g.dependents(v) : g.dependencies(v);
}
} // namespace

Schedule::Schedule(const ResourceGraph &graph, ScheduleOptions options)
    : graph_(graph), options_(options), state_(graph.size(), TaskState::Waiting),
      blockers_(graph.size(), 0) {
  wanted_ = graph.size();
  for (size_t v = 0; v < graph.size(); ++v) {
    blockers_[v] = waits_for(graph, v, options.direction).size();
    if (blockers_[v] == 0) {
      state_[v] = TaskState::Ready;
      ready_.insert(v);
    }
  }
}

Schedule::Schedule(const ResourceGraph &graph, ScheduleOptions options,
                   const std::vector<std::string> &wanted)
    : graph_(graph), options_(options), state_(graph.size(), TaskState::NotWanted),
      blockers_(graph.size(), 0) {
  for (const std::string &id : wanted) {
    size_t v = vertex(id);
    if (state_[v] == TaskState::NotWanted) {
      state_[v] = TaskState::Waiting;
      ++wanted_;
    }
  }
  // A wanted vertex waits on the wanted vertices it reaches through unwanted ones too, so walk
  // through NotWanted vertices to the nearest wanted ones.
  for (size_t v = 0; v < graph.size(); ++v) {
    if (state_[v] == TaskState::NotWanted)
      continue;
    std::vector<bool> seen(graph.size(), false);
    std::vector<size_t> stack = waits_for(graph, v, options.direction);
    size_t count = 0;
    while (!stack.empty()) {
      size_t u = stack.back();
      stack.pop_back();
      if (seen[u])
        continue;
      seen[u] = true;
      if (state_[u] != TaskState::NotWanted)
        ++count;
      else
        for (size_t w : waits_for(graph, u, options.direction))
          stack.push_back(w);
    }
    blockers_[v] = count;
    if (count == 0) {
      state_[v] = TaskState::Ready;
      ready_.insert(v);
    }
  }
}

size_t Schedule::vertex(std::string_view logical_id) const {
  auto v = graph_.index_of(logical_id);
  if (!v)
    throw std::logic_error(fmt::format("schedule: no resource {}", logical_id));
  return *v;
}

std::vector<std::string> Schedule::ready() const {
  std::vector<std::string> out;
  if (failures_ > 0)
    return out;
  size_t room = ready_.size();
  if (options_.max_concurrency > 0)
    room = options_.max_concurrency > running_ ? options_.max_concurrency - running_ : 0;
  for (size_t v : ready_) {
    if (out.size() >= room)
      break;
    out.push_back(graph_.node(v).logical_id);
  }
  return out;
}

std::optional<std::string> Schedule::next() const {
  if (failures_ > 0 || ready_.empty())
    return std::nullopt;
  if (options_.max_concurrency > 0 && running_ >= options_.max_concurrency)
    return std::nullopt;
  return graph_.node(*ready_.begin()).logical_id;
}

void Schedule::started(std::string_view logical_id) {
  size_t v = vertex(logical_id);
  if (state_[v] != TaskState::Ready || failures_ > 0)
    throw std::logic_error(fmt::format("schedule: {} is not ready to start", logical_id));
  if (options_.max_concurrency > 0 && running_ >= options_.max_concurrency)
    throw std::logic_error(
        fmt::format("schedule: starting {} exceeds the concurrency limit", logical_id));
  ready_.erase(v);
  state_[v] = TaskState::Running;
  ++running_;
}

void Schedule::release(size_t v) {
  // Mirrors the constructor: walk through unwanted vertices to the wanted ones that wait on v.
  std::vector<bool> seen(graph_.size(), false);
  std::vector<size_t> stack = waited_by(graph_, v, options_.direction);
  while (!stack.empty()) {
    size_t u = stack.back();
    stack.pop_back();
    if (seen[u])
      continue;
    seen[u] = true;
    if (state_[u] == TaskState::NotWanted) {
      for (size_t w : waited_by(graph_, u, options_.direction))
        stack.push_back(w);
      continue;
    }
    if (state_[u] == TaskState::Waiting && --blockers_[u] == 0) {
      state_[u] = TaskState::Ready;
      ready_.insert(u);
    }
  }
}

void Schedule::finished(std::string_view logical_id, bool succeeded) {
  size_t v = vertex(logical_id);
  if (state_[v] != TaskState::Running)
    throw std::logic_error(fmt::format("schedule: {} is not running", logical_id));
  --running_;
  if (!succeeded) {
    state_[v] = TaskState::Failed;
    ++failures_;
    return;
  }
  state_[v] = TaskState::Succeeded;
  ++succeeded_;
  release(v);
}

bool Schedule::done() const {
  if (running_ > 0)
    return false;
  return failures_ > 0 || ready_.empty();
}

std::vector<std::string> Schedule::running() const {
  std::vector<std::string> out;
  for (size_t v = 0; v < state_.size(); ++v)
    if (state_[v] == TaskState::Running)
      out.push_back(graph_.node(v).logical_id);
  return out;
}

std::vector<std::string> Schedule::not_started() const {
  std::vector<std::string> out;
  for (size_t v = 0; v < state_.size(); ++v)
    if (state_[v] == TaskState::Waiting || state_[v] == TaskState::Ready)
      out.push_back(graph_.node(v).logical_id);
  return out;
}

TaskState Schedule::state(std::string_view logical_id) const { return state_[vertex(logical_id)]; }

std::vector<std::string> serial_order(const ResourceGraph &graph, Direction direction) {
  Schedule schedule(graph, {direction, 0});
  std::vector<std::string> order;
  while (true) {
    std::vector<std::string> wave = schedule.ready();
    if (wave.empty())
      break;
    for (const auto &id : wave)
      schedule.started(id);
    for (const auto &id : wave) {
      schedule.finished(id, true);
      order.push_back(id);
    }
  }
  return order;
}

} // namespace cfnlocal::planner
