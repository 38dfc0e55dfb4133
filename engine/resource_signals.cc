#include "engine/resource_signals.h"

#include "parser/diagnostic.h"
#include "parser/json.h"
#include "providers/response_server.h"
#include "providers/wait_condition_handle_provider.h"
#include "services/yielding_lock.h"
#include "state/ids.h"

#include <charconv>
#include <fmt/format.h>
#include <regex>
#include <thread>

namespace cfnlocal::engine {

namespace {

constexpr int kMaxTimeoutSeconds = 43200; // 12 hours, for both forms

std::optional<int64_t> integer_of(const Value &v) {
  if (v.is_number()) {
    double d = v.as_number();
    if (d == static_cast<double>(static_cast<int64_t>(d)))
      return static_cast<int64_t>(d);
    return std::nullopt;
  }
  if (v.is_string()) {
    const std::string &s = v.as_string();
    int64_t out = 0;
    auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (error == std::errc() && end == s.data() + s.size() && !s.empty())
      return out;
  }
  return std::nullopt;
}

int positive_count(const Value *v, const char *where) {
  if (!v || v->is_null())
    return 1;
  auto n = integer_of(*v);
  if (!n || *n < 1 || *n > 1000000)
    throw Error(fmt::format("{} must be a positive integer, got {}", where,
                            v->scalar_string().value_or(dump_json(*v, -1))),
                v->mark());
  return static_cast<int>(*n);
}

std::string signal_event(const state::ResourceSignal &s) {
  return fmt::format("Received {} signal with UniqueId {}", s.status, s.unique_id);
}

} // namespace

int SignalPolicy::required() const {
  if (!auto_scaling)
    return count;
  return (count * min_successful_percent + 99) / 100;
}

std::chrono::seconds parse_iso8601_duration(std::string_view text) {
  static const std::regex pattern(R"(P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)");
  std::cmatch m;
  if (text.size() < 2 || text == "PT" ||
      !std::regex_match(text.data(), text.data() + text.size(), m, pattern))
    throw Error(fmt::format("Timeout '{}' is not an ISO 8601 duration such as PT15M", text));
  auto part = [&](int i) -> int64_t {
    return m[i].matched ? std::stoll(m[i].str()) : 0; // digits only: stoll cannot fail
  };
  return std::chrono::seconds(part(1) * 86400 + part(2) * 3600 + part(3) * 60 + part(4));
}

std::string handle_target(std::string_view url) {
  auto parts = providers::WaitConditionHandleProvider::parse_url(url);
  return parts ? "handle/" + parts->token : "";
}

std::optional<SignalPolicy> signal_policy(std::string_view type, const Value &creation_policy,
                                          const Value &properties) {
  SignalPolicy policy;
  policy.wait_condition = type == "AWS::CloudFormation::WaitCondition";
  policy.auto_scaling = type == "AWS::AutoScaling::AutoScalingGroup";
  const Value *signal =
      creation_policy.is_object() ? creation_policy.find("ResourceSignal") : nullptr;
  if (signal && signal->is_object()) {
    policy.count = positive_count(signal->find("Count"), "CreationPolicy ResourceSignal Count");
    if (const Value *t = signal->find("Timeout"); t && !t->is_null()) {
      auto text = t->scalar_string();
      if (!text)
        throw Error("CreationPolicy ResourceSignal Timeout must be a string such as PT15M",
                    t->mark());
      auto seconds = parse_iso8601_duration(*text);
      if (seconds.count() > kMaxTimeoutSeconds)
        throw Error(fmt::format("CreationPolicy ResourceSignal Timeout {} is longer than the "
                                "maximum of 12 hours (PT12H)",
                                *text),
                    t->mark());
      policy.timeout = seconds;
    }
    if (const Value *a = creation_policy.find("AutoScalingCreationPolicy"); a && a->is_object())
      if (const Value *p = a->find("MinSuccessfulInstancesPercent"); p && !p->is_null()) {
        auto percent = integer_of(*p);
        if (!percent || *percent < 0 || *percent > 100)
          throw Error("AutoScalingCreationPolicy MinSuccessfulInstancesPercent must be an "
                      "integer from 0 to 100",
                      p->mark());
        policy.min_successful_percent = static_cast<int>(*percent);
        policy.auto_scaling = true;
      }
    return policy;
  }
  if (!policy.wait_condition)
    return std::nullopt;
  const Value *handle = properties.is_object() ? properties.find("Handle") : nullptr;
  if (!handle || !handle->is_string())
    return std::nullopt; // neither a Handle nor a CreationPolicy: nothing to wait for
  policy.handle_url = handle->as_string();
  policy.count = positive_count(properties.find("Count"), "WaitCondition Count");
  policy.timeout = std::chrono::seconds(kMaxTimeoutSeconds);
  if (const Value *t = properties.find("Timeout"); t && !t->is_null()) {
    auto seconds = integer_of(*t);
    if (!seconds || *seconds < 1 || *seconds > kMaxTimeoutSeconds)
      throw Error(fmt::format("WaitCondition Timeout must be a number of seconds from 1 to "
                              "43200, got {}",
                              t->scalar_string().value_or(dump_json(*t, -1))),
                  t->mark());
    policy.timeout = std::chrono::seconds(*seconds);
  }
  return policy;
}

void signal_resource(state::Store &store, const std::string &stack_name,
                     const std::string &logical_id, const std::string &unique_id,
                     const std::string &status) {
  if (status != "SUCCESS" && status != "FAILURE")
    throw Error(fmt::format("1 validation error detected: Value '{}' at 'status' failed to "
                            "satisfy constraint: Member must satisfy enum value set: [SUCCESS, "
                            "FAILURE]",
                            status));
  if (unique_id.empty() || unique_id.size() > 64)
    throw Error("1 validation error detected: Value at 'uniqueId' failed to satisfy constraint: "
                "Member must have length between 1 and 64");
  auto stack = store.find_stack(stack_name);
  if (!stack || stack->status == "DELETE_COMPLETE")
    throw Error(fmt::format("Stack with id {} does not exist", stack_name));
  auto resource = store.find_resource(stack->stack_id, logical_id);
  if (!resource)
    throw Error(fmt::format("Resource {} does not exist for stack {}", logical_id, stack->name));
  if (!is_in_progress(resource->status))
    throw Error(fmt::format("Resource {} in stack {} is in {} state and cannot be signaled",
                            logical_id, stack->stack_id, resource->status));
  state::ResourceSignal s;
  s.stack_id = stack->stack_id;
  s.target = logical_id;
  s.unique_id = unique_id;
  s.status = status;
  store.add_signal(s);
}

SignalWaits::SignalWaits(StackOperation &op, bool wait, providers::ResponseServer *inbox)
    : op_(op), wait_(wait), inbox_(inbox) {}

void SignalWaits::expect(const std::string &logical_id, SignalPolicy policy) {
  expected_[logical_id] = std::move(policy);
}

bool SignalWaits::on_created(state::ResourceRecord &row, Value &model) {
  auto it = expected_.find(row.logical_id);
  if (it == expected_.end())
    return false;
  SignalPolicy policy = std::move(it->second);
  expected_.erase(it);
  if (!wait_) {
    // Nothing local can send them: the signals count as received, each with its event.
    Json data = Json::object();
    for (int i = 1; i <= policy.count; ++i) {
      std::string id = fmt::format("cfnlocal-{}", i);
      op_.resource_event(row, row.status,
                         fmt::format("Received SUCCESS signal with UniqueId {} (counted as "
                                     "received: deploy with --wait-for-signals to wait for real "
                                     "signals)",
                                     id));
      data[id] = "";
    }
    if (policy.wait_condition)
      model.set("Data", Value(data.dump()));
    return false;
  }
  auto &store = op_.env().store;
  if (!policy.handle_url.empty() && inbox_)
    if (auto parts = providers::WaitConditionHandleProvider::parse_url(policy.handle_url))
      inbox_->listen(parts->port); // a handle an earlier process made keeps its URL if it can
  // Signals sent to an earlier creation of this logical ID are not this one's.
  store.delete_signals_before(op_.stack().stack_id, row.logical_id, row.created_time);
  row.attributes = to_json(model);
  op_.resource_event(row, row.status, "Resource creation Initiated", false,
                     [&] { store.put_resource(row); });
  Waiting w{row, model, policy, std::chrono::steady_clock::now() + policy.timeout, {}};
  waiting_.emplace(row.logical_id, std::move(w));
  return true;
}

void SignalWaits::collect_inbox() {
  if (!inbox_)
    return;
  for (auto &s : inbox_->take_signals()) {
    state::ResourceSignal r;
    r.target = "handle/" + s.token;
    r.unique_id = s.body.value("UniqueId", "");
    r.status = s.body.value("Status", "");
    if (s.body.contains("Reason"))
      r.reason = s.body["Reason"].is_string() ? s.body["Reason"].get<std::string>()
                                              : s.body["Reason"].dump();
    if (s.body.contains("Data"))
      r.data =
          s.body["Data"].is_string() ? s.body["Data"].get<std::string>() : s.body["Data"].dump();
    op_.env().store.add_signal(r);
  }
}

providers::ProgressEvent SignalWaits::check(Waiting &w) {
  auto &store = op_.env().store;
  auto signals = store.signals_for(op_.stack().stack_id, w.row.logical_id);
  if (std::string target = handle_target(w.policy.handle_url); !target.empty()) {
    auto more = store.signals_for("", target);
    signals.insert(signals.end(), more.begin(), more.end());
  }
  int successes = 0;
  int failures = 0;
  const state::ResourceSignal *first_failure = nullptr;
  std::set<std::string> counted;
  for (const auto &s : signals) {
    if (!counted.insert(s.unique_id).second)
      continue; // the same unique ID through both ways
    if (w.seen.insert(s.unique_id).second)
      op_.resource_event(w.row, w.row.status, signal_event(s));
    if (s.status == "SUCCESS") {
      ++successes;
    } else {
      ++failures;
      if (!first_failure)
        first_failure = &s;
    }
  }
  const SignalPolicy &p = w.policy;
  if (p.wait_condition && !p.handle_url.empty()) {
    if (first_failure)
      return providers::ProgressEvent::failure(
          providers::HandlerErrorCode::NotStabilized,
          fmt::format("WaitCondition received failed message: '{}' for uniqueId: {}",
                      first_failure->reason, first_failure->unique_id));
  } else if (p.auto_scaling) {
    if (failures > p.count - p.required())
      return providers::ProgressEvent::failure(
          providers::HandlerErrorCode::NotStabilized,
          fmt::format("Received {} FAILURE signal(s) out of {}. Unable to satisfy {}% "
                      "MinSuccessfulInstancesPercent requirement",
                      failures, p.count, p.min_successful_percent));
  } else if (first_failure) {
    return providers::ProgressEvent::failure(providers::HandlerErrorCode::NotStabilized,
                                             signal_event(*first_failure));
  }
  if (successes >= p.required()) {
    if (p.wait_condition) {
      Json data = Json::object();
      for (const auto &s : signals)
        if (s.status == "SUCCESS" && !data.contains(s.unique_id))
          data[s.unique_id] = s.data;
      w.model.set("Data", Value(data.dump()));
    }
    return providers::ProgressEvent::success(w.model);
  }
  if (std::chrono::steady_clock::now() >= w.deadline) {
    std::string message;
    if (p.wait_condition && !p.handle_url.empty())
      message = fmt::format("WaitCondition timed out. Received {} conditions when expecting {}",
                            successes, p.count);
    else if (p.auto_scaling)
      message = fmt::format("Received {} SUCCESS signal(s) out of {}. Unable to satisfy {}% "
                            "MinSuccessfulInstancesPercent requirement",
                            successes, p.count, p.min_successful_percent);
    else
      message = fmt::format("Failed to receive {} resource signal(s) within the specified "
                            "duration",
                            p.required() - successes);
    return providers::ProgressEvent::failure(providers::HandlerErrorCode::NotStabilized, message);
  }
  providers::ProgressEvent pending;
  pending.status = providers::OperationStatus::InProgress;
  pending.callback_delay_seconds = 1;
  return pending;
}

void SignalWaits::complete(Waiting &w) {
  auto &store = op_.env().store;
  state::ResourceRecord &r = w.row;
  const char *complete = r.status == "CREATE_IN_PROGRESS" ? "CREATE_COMPLETE" : "UPDATE_COMPLETE";
  r.status = complete;
  r.status_reason.clear();
  r.attributes = to_json(w.model);
  r.last_updated_time = state::now_iso8601();
  op_.resource_event(r, complete, "", false, [&] { store.put_resource(r); });
  op_.live().set(r.logical_id, LiveResource{r.type, r.physical_id, w.model});
}

void SignalWaits::fail(Waiting &w, const std::string &message, bool record_failure) {
  auto &store = op_.env().store;
  state::ResourceRecord &r = w.row;
  const char *failed = r.status == "CREATE_IN_PROGRESS" ? "CREATE_FAILED" : "UPDATE_FAILED";
  r.status = failed;
  r.status_reason = op_.mask(message);
  r.last_updated_time = state::now_iso8601();
  // The physical resource stays recorded: the rollback deletes it.
  op_.resource_event(r, failed, message, false, [&] { store.put_resource(r); });
  if (record_failure)
    op_.fail_resource(r.logical_id, message);
}

std::vector<std::pair<std::string, bool>> SignalWaits::poll() {
  std::vector<std::pair<std::string, bool>> finished;
  for (int attempt = 0; attempt < 2 && finished.empty(); ++attempt) {
    if (attempt == 1) {
      // Nothing decided yet: commit what is pending (so signal-resource, in another process,
      // sees the waiting rows and can write) and wait one callback delay.
      op_.flush();
      services::blocking([] { std::this_thread::sleep_for(kPollInterval); });
    }
    collect_inbox();
    for (auto it = waiting_.begin(); it != waiting_.end();) {
      auto outcome = check(it->second);
      if (outcome.status == providers::OperationStatus::InProgress) {
        ++it;
        continue;
      }
      if (outcome.ok())
        complete(it->second);
      else
        fail(it->second, outcome.message, true);
      finished.emplace_back(it->first, outcome.ok());
      it = waiting_.erase(it);
    }
  }
  op_.flush();
  return finished;
}

std::vector<std::string> SignalWaits::cancel_all() {
  std::vector<std::string> out;
  for (auto &[id, w] : waiting_) {
    fail(w, "Resource creation cancelled", false);
    out.push_back(id);
  }
  waiting_.clear();
  op_.flush();
  return out;
}

} // namespace cfnlocal::engine
