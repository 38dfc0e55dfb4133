#include "engine/stack_operation.h"

#include "intrinsics/dynamic_references.h"
#include "parser/json.h"
#include "schema/registry.h"
#include "services/digest.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <optional>

namespace cfnlocal::engine {

namespace {
std::string message_of(const providers::ProgressEvent &e) {
  if (!e.message.empty())
    return e.message;
  return fmt::format("Resource handler returned error code {}",
                     providers::error_code_name(e.error_code));
}
} // namespace

Value properties_of(const state::ResourceRecord &r) {
  return r.properties.is_null() ? Value() : from_json(r.properties);
}

bool is_in_progress(std::string_view s) { return s.ends_with("_IN_PROGRESS"); }

StackOperation::StackOperation(OperationEnv &env, state::StackRecord &stack)
    : env_(env), stack_(stack), live_(env.provider_for, request("", "")) {}

StackOperation::~StackOperation() {
  try {
    flush();
  } catch (...) {
    // The state file refused the commit: the batch rolls back whole, services and stack alike.
  }
}

void StackOperation::open_batch() {
  if (batch_ || !env_.services_in_state)
    return;
  batch_.emplace(env_.store.transaction());
  batch_started_ = std::chrono::steady_clock::now();
  batch_steps_ = 0;
}

void StackOperation::flush() {
  if (batch_) {
    batch_->commit();
    batch_.reset();
  }
  auto pending = std::move(pending_);
  pending_.clear();
  for (const auto &e : pending)
    env_.reporter.on_event(e);
}

std::function<void()> StackOperation::record_unless_batched(const state::ResourceRecord &r) {
  // In a batch the step's outcome overwrites the row in the same savepoint: writing the
  // IN_PROGRESS row first would be a write no reader can ever see.
  if (batch_)
    return {};
  return [this, &r] { env_.store.put_resource(r); };
}

void StackOperation::flush_if_due() {
  // Long enough for a commit to be a small part of the work, short enough that progress on a
  // terminal looks live and the WAL stays small.
  constexpr auto kBatchAge = std::chrono::milliseconds(50);
  constexpr int kBatchSteps = 200;
  if (batch_ && (++batch_steps_ >= kBatchSteps ||
                 std::chrono::steady_clock::now() - batch_started_ >= kBatchAge))
    flush();
}

std::string StackOperation::mask(std::string text) const {
  for (const auto &secret : masked_) {
    if (secret.empty())
      continue;
    for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 4))
      text.replace(pos, secret.size(), "****");
  }
  return text;
}

void StackOperation::stack_status(std::string_view status, std::string_view reason) {
  flush();
  std::string now = state::now_iso8601();
  stack_.status = status;
  stack_.status_reason = mask(std::string(reason));
  state::StackEvent e;
  e.stack_id = stack_.stack_id;
  e.stack_name = stack_.name;
  e.logical_id = stack_.name;
  e.physical_id = stack_.stack_id;
  e.resource_type = "AWS::CloudFormation::Stack";
  e.status = status;
  e.status_reason = stack_.status_reason;
  {
    auto tx = env_.store.transaction();
    env_.store.set_stack_status(stack_.stack_id, status, stack_.status_reason, now);
    env_.store.add_event(e);
    tx.commit();
  }
  env_.reporter.on_event(e);
}

void StackOperation::resource_event(const state::ResourceRecord &r, std::string_view status,
                                    std::string_view reason, bool with_properties,
                                    const std::function<void()> &write) {
  state::StackEvent e;
  e.stack_id = stack_.stack_id;
  e.stack_name = stack_.name;
  e.logical_id = r.logical_id;
  e.physical_id = r.physical_id;
  e.resource_type = r.type;
  e.status = status;
  e.status_reason = mask(std::string(reason));
  if (with_properties && !r.properties.is_null())
    e.properties = mask(r.properties.dump());
  {
    // The transition and its event commit together; the reporter hears of them only after, so
    // nothing it does (or a kill while it runs) can lose a recorded step.
    auto tx = env_.store.transaction();
    if (write)
      write();
    env_.store.add_event(e);
    tx.commit();
  }
  if (batch_)
    pending_.push_back(std::move(e));
  else
    env_.reporter.on_event(e);
}

/// One step of a resource: its IN_PROGRESS transition, the handler call and the record of its
/// outcome. With the embedded services it is a savepoint in the operation's batch (see
/// stack_operation.h), so a step that throws undoes its service writes and records together;
/// with an endpoint it is nothing (each transition committed on its own).
///
/// A step whose handler runs user code (a custom resource's Lambda function) is not batched: the
/// batch is committed first and the step's transitions commit on their own, since the code's
/// own calls reach the services through the HTTP front, from other threads, and would wait for
/// the batch's lock until the handler timed out.
class HandlerScope {
public:
  HandlerScope(StackOperation &op, std::string_view type) : op_(op) {
    if (schema::Registry::is_custom_resource(type)) {
      op_.flush();
      return;
    }
    op_.open_batch();
    if (op_.batch_) {
      step_.emplace(op_.env_.store.transaction());
      events_before_ = op_.pending_.size();
    }
  }
  HandlerScope(const HandlerScope &) = delete;
  HandlerScope &operator=(const HandlerScope &) = delete;
  void commit() {
    if (!step_)
      return;
    step_->commit();
    step_.reset();
    op_.flush_if_due();
  }
  ~HandlerScope() {
    // Uncommitted (an exception): the savepoint rolls back and its events are forgotten.
    if (step_) {
      step_.reset();
      op_.pending_.resize(std::min(op_.pending_.size(), events_before_));
    }
  }

private:
  StackOperation &op_;
  std::optional<state::Transaction> step_;
  size_t events_before_ = 0;
};

void StackOperation::load_live() {
  for (const auto &r : env_.store.current_resources(stack_.stack_id)) {
    if (r.physical_id.empty() || r.status == "DELETE_COMPLETE" || r.status == "CREATE_FAILED")
      continue;
    live_.set(r.logical_id,
              LiveResource{r.type, r.physical_id,
                           r.attributes.is_null() ? properties_of(r) : from_json(r.attributes)});
  }
}

providers::ResourceHandlerRequest StackOperation::request(const std::string &logical_id,
                                                          const std::string &type) const {
  providers::ResourceHandlerRequest req;
  req.type_name = type;
  req.logical_id = logical_id;
  req.stack_name = stack_.name;
  req.stack_id = stack_.stack_id;
  req.region = env_.region;
  req.account_id = env_.account_id;
  req.partition = state::partition_for_region(env_.region);
  return req;
}

Value StackOperation::for_handler(const Value &properties) const {
  Value resolved = properties;
  if (lookup_)
    intrinsics::resolve_dynamic_references(resolved, *lookup_);
  return resolved;
}

std::string StackOperation::client_token(const std::string &logical_id, int generation,
                                         std::string_view purpose) const {
  // Cloud Control limits tokens to [-A-Za-z0-9+/=]{1,128}: a digest of what makes the step
  // unique keeps it deterministic, so a retried step sends the same token.
  std::string text = fmt::format("{}|{}|{}|{}", stack_.stack_id, logical_id, generation, purpose);
  return services::sha256_hex(text).substr(0, 32);
}

void StackOperation::mask_no_echo_data(const std::string &type, const Value &model) {
  if (!schema::Registry::is_custom_resource(type))
    return;
  const Value *no_echo = model.find("NoEcho");
  const Value *data = model.find("Data");
  if (!no_echo || !no_echo->is_bool() || !no_echo->as_bool() || !data || !data->is_object())
    return;
  for (const auto &m : data->as_object())
    if (auto text = m.value.scalar_string(); text && !text->empty())
      masked_.push_back(*text);
}

void StackOperation::fail(const std::string &logical_id, std::string message) {
  failure_ = mask(std::move(message));
  failed_.push_back(logical_id);
}

bool StackOperation::create(const std::string &logical_id, const std::string &type, int generation,
                            const Value &properties, const Json &definition, bool replacing) {
  state::ResourceRecord r;
  r.stack_id = stack_.stack_id;
  r.logical_id = logical_id;
  r.generation = generation;
  r.type = type;
  r.properties = properties.is_null() ? Json() : to_json(properties);
  r.definition = definition;
  r.created_time = state::now_iso8601();
  r.last_updated_time = r.created_time;
  const char *in_progress = replacing ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS";
  r.status = in_progress;
  HandlerScope scope(*this, type);
  resource_event(r, in_progress,
                 replacing ? "Requested update requires the creation of a new physical resource; "
                             "hence creating one."
                           : "",
                 true, record_unless_batched(r));

  auto req = request(logical_id, type);
  req.desired_state = for_handler(properties);
  req.client_request_token = client_token(logical_id, generation, "create");
  auto &provider = env_.provider_for(type);
  providers::ProgressEvent event = provider.create(req);
  if (!event.ok()) {
    std::string message = message_of(event);
    const char *failed = replacing ? "UPDATE_FAILED" : "CREATE_FAILED";
    r.status = failed;
    r.status_reason = mask(message);
    if (!event.resource_model.is_null()) {
      // The handler made something before failing (a nested stack): recorded, so the rollback
      // or the stack's deletion deletes it.
      r.physical_id = provider.physical_id(type, event.resource_model);
      r.attributes = to_json(event.resource_model);
    }
    resource_event(r, failed, message, false, [&] { env_.store.put_resource(r); });
    scope.commit();
    fail(logical_id, message);
    return false;
  }
  r.physical_id = provider.physical_id(type, event.resource_model);
  mask_no_echo_data(type, event.resource_model);
  if (created_hook_ && created_hook_(r, event.resource_model)) {
    scope.commit();
    return true;
  }
  r.attributes = to_json(event.resource_model);
  const char *complete = replacing ? "UPDATE_COMPLETE" : "CREATE_COMPLETE";
  r.status = complete;
  r.last_updated_time = state::now_iso8601();
  resource_event(r, complete, "", false, [&] { env_.store.put_resource(r); });
  scope.commit();
  live_.set(logical_id, LiveResource{type, r.physical_id, std::move(event.resource_model)});
  return true;
}

bool StackOperation::update(const state::ResourceRecord &current, const Value &properties,
                            const Json &definition, bool *not_updatable) {
  state::ResourceRecord r = current;
  r.generation = current.generation + 1;
  r.properties = properties.is_null() ? Json() : to_json(properties);
  r.definition = definition;
  r.status = "UPDATE_IN_PROGRESS";
  r.status_reason.clear();
  r.last_updated_time = state::now_iso8601();
  HandlerScope scope(*this, r.type);
  resource_event(r, "UPDATE_IN_PROGRESS", "", true, record_unless_batched(r));

  auto req = request(r.logical_id, r.type);
  req.desired_state = for_handler(properties);
  req.previous_state = current.attributes.is_null() ? Value() : from_json(current.attributes);
  req.physical_id = current.physical_id;
  req.client_request_token = client_token(r.logical_id, r.generation, "update");
  auto &provider = env_.provider_for(r.type);
  providers::ProgressEvent event = provider.update(req);
  if (!event.ok() && not_updatable &&
      event.error_code == providers::HandlerErrorCode::NotUpdatable) {
    *not_updatable = true;
    scope.commit();
    return false;
  }
  if (!event.ok()) {
    std::string message = message_of(event);
    r.status = "UPDATE_FAILED";
    r.status_reason = mask(message);
    resource_event(r, "UPDATE_FAILED", message, false, [&] { env_.store.put_resource(r); });
    scope.commit();
    fail(r.logical_id, message);
    return false;
  }
  r.attributes = to_json(event.resource_model);
  if (schema::Registry::is_custom_resource(r.type)) {
    // A custom resource that answers an update with another physical ID was replaced: the old
    // one gets its Delete in the cleanup phase, as CloudFormation sends it.
    std::string id = provider.physical_id(r.type, event.resource_model);
    if (!id.empty())
      r.physical_id = id;
  }
  mask_no_echo_data(r.type, event.resource_model);
  r.status = "UPDATE_COMPLETE";
  r.last_updated_time = state::now_iso8601();
  resource_event(r, "UPDATE_COMPLETE", "", false, [&] { env_.store.put_resource(r); });
  scope.commit();
  live_.set(r.logical_id, LiveResource{r.type, r.physical_id, std::move(event.resource_model)});
  return true;
}

bool StackOperation::remove(state::ResourceRecord r) {
  if (r.physical_id.empty()) {
    // Never created (failed or cancelled before its handler returned): nothing to delete.
    r.status = "DELETE_COMPLETE";
    resource_event(r, "DELETE_COMPLETE", "", false, [&] {
      env_.store.set_resource_status(r.stack_id, r.logical_id, r.generation, "DELETE_COMPLETE");
    });
    return true;
  }
  HandlerScope scope(*this, r.type);
  resource_event(r, "DELETE_IN_PROGRESS", "", false, [&] {
    env_.store.set_resource_status(r.stack_id, r.logical_id, r.generation, "DELETE_IN_PROGRESS");
  });
  auto req = request(r.logical_id, r.type);
  req.physical_id = r.physical_id;
  req.previous_state = r.attributes.is_null() ? Value() : from_json(r.attributes);
  req.desired_state = req.previous_state;
  auto event = env_.provider_for(r.type).remove(req);
  if (!event.ok() && event.error_code != providers::HandlerErrorCode::NotFound) {
    std::string message = message_of(event);
    resource_event(r, "DELETE_FAILED", message, false, [&] {
      env_.store.set_resource_status(r.stack_id, r.logical_id, r.generation, "DELETE_FAILED",
                                     mask(message));
    });
    scope.commit();
    fail(r.logical_id, message);
    return false;
  }
  resource_event(r, "DELETE_COMPLETE", "", false, [&] {
    env_.store.set_resource_status(r.stack_id, r.logical_id, r.generation, "DELETE_COMPLETE");
  });
  scope.commit();
  return true;
}

bool StackOperation::revert(const state::ResourceRecord &newest, state::ResourceRecord old) {
  resource_event(old, "UPDATE_IN_PROGRESS", "", true);
  auto req = request(old.logical_id, old.type);
  req.desired_state = for_handler(properties_of(old));
  req.previous_state = newest.attributes.is_null() ? Value() : from_json(newest.attributes);
  req.physical_id = old.physical_id;
  req.client_request_token = client_token(old.logical_id, newest.generation, "rollback");
  auto &provider = env_.provider_for(old.type);
  providers::ProgressEvent event = provider.update(req);
  if (!event.ok()) {
    std::string message = message_of(event);
    resource_event(old, "UPDATE_FAILED", message);
    fail(old.logical_id, message);
    return false;
  }
  old.attributes = to_json(event.resource_model);
  old.status = "UPDATE_COMPLETE";
  old.status_reason.clear();
  old.last_updated_time = state::now_iso8601();
  resource_event(old, "UPDATE_COMPLETE", "", false, [&] { env_.store.put_resource(old); });
  live_.set(old.logical_id,
            LiveResource{old.type, old.physical_id, std::move(event.resource_model)});
  return true;
}

void StackOperation::skip_delete(state::ResourceRecord r) {
  resource_event(r, "DELETE_SKIPPED", "", false, [&] {
    env_.store.set_resource_status(r.stack_id, r.logical_id, r.generation, "DELETE_SKIPPED");
  });
}

} // namespace cfnlocal::engine
