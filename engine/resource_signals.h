#pragma once
/// \file
/// Resource signals: the `CreationPolicy` attribute (aws-attribute-creationpolicy.html:
/// ResourceSignal Count and Timeout, AutoScalingCreationPolicy MinSuccessfulInstancesPercent)
/// and `AWS::CloudFormation::WaitCondition` (aws-resource-cloudformation-waitcondition.html:
/// Handle, Timeout, Count). A resource with either is not complete when its create handler
/// returns: it stays CREATE_IN_PROGRESS ("Resource creation Initiated") until enough SUCCESS
/// signals arrive, and fails on a FAILURE signal or at the timeout, with AWS's messages.
///
/// Signals come from `signal-resource` (SignalResource: recorded in the state file, so another
/// process can send them while a deploy waits) and from PUT/POSTs to a wait condition handle's URL
/// (cfn-signal; they reach this process's ResponseServer). Nothing local sends signals by itself,
/// so by default (EngineConfig::wait_for_signals off) the required signals count as received at
/// once, each with its event; `--wait-for-signals` waits for real ones. Waiting never blocks the
/// resources that do not depend on the waiting one: the forward pass keeps starting them and
/// polls the waiting ones in between (the contract's IN_PROGRESS with callbackDelaySeconds).

#include "engine/stack_operation.h"
#include "parser/value.h"
#include "providers/progress_event.h"
#include "state/store.h"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {
class ResponseServer;
}

namespace cfnlocal::engine {

/// What a resource waits for after its create handler succeeded.
struct SignalPolicy {
  /// SUCCESS signals asked for (ResourceSignal Count, WaitCondition Count; default 1).
  int count = 1;
  /// From the start of the wait (ResourceSignal Timeout, default PT5M; WaitCondition Timeout
  /// seconds, at most 43200).
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  /// AutoScalingCreationPolicy MinSuccessfulInstancesPercent (100 unless an Auto Scaling
  /// group says otherwise): SUCCESS signals needed are ceil(count * percent / 100).
  int min_successful_percent = 100;
  /// Words failures as Auto Scaling does ("Received 0 SUCCESS signal(s) out of 1. Unable to
  /// satisfy 100% MinSuccessfulInstancesPercent requirement").
  bool auto_scaling = false;
  /// An AWS::CloudFormation::WaitCondition: words failures as it does and returns the signals'
  /// Data as its `Data` attribute.
  bool wait_condition = false;
  /// The Handle URL of a wait condition (empty with a CreationPolicy instead).
  std::string handle_url;

  /// SUCCESS signals that complete the resource.
  int required() const;
};

/// The signal policy of a resource of `type` from its resolved `CreationPolicy` attribute
/// (null when absent) and resolved Properties; nullopt when it completes at once. Throws
/// cfnlocal::Error for values AWS refuses (a Timeout that is not an ISO 8601 duration or is over
/// 12 hours, a Count that is not a positive integer).
std::optional<SignalPolicy> signal_policy(std::string_view type, const Value &creation_policy,
                                          const Value &properties);

/// Seconds of an ISO 8601 duration ("PT15M", "PT1H30M", "PT45S", "P1DT2H"). Throws
/// cfnlocal::Error when `text` is not one.
std::chrono::seconds parse_iso8601_duration(std::string_view text);

/// The signals table's target of a wait condition handle URL ("handle/TOKEN"); empty for a URL
/// that is not a local handle's.
std::string handle_target(std::string_view url);

/// `signal-resource` (SignalResource): records a signal for `logical_id` of the stack named (or
/// with the ARN) `stack_name`. `status` is SUCCESS or FAILURE; `unique_id` 1 to 64 characters;
/// a repeated unique ID is a retransmission and changes nothing. Takes no stack lock: the
/// deploy that waits holds it and reads the signal from the state file. Throws cfnlocal::Error
/// with AWS's ValidationError messages: no such stack ("Stack with id X does not exist"), no
/// such resource, or a resource that is not in progress ("Resource X in stack ARN is in
/// CREATE_COMPLETE state and cannot be signaled").
void signal_resource(state::Store &store, const std::string &stack_name,
                     const std::string &logical_id, const std::string &unique_id,
                     const std::string &status);

/// The resources of one forward pass that wait for signals. StackOperation::create hands it
/// each created resource (on_created); the forward pass polls it while anything waits.
class SignalWaits {
public:
  /// `wait`: wait for real signals (else they count as received at once). `inbox`: the server
  /// handle URLs point at (null when there is none).
  SignalWaits(StackOperation &op, bool wait, providers::ResponseServer *inbox);

  /// Announces that `logical_id`, about to be created, has `policy`.
  void expect(const std::string &logical_id, SignalPolicy policy);

  /// Called with a created resource's row (status *_IN_PROGRESS, physical ID set) and model.
  /// Without a policy: false, nothing done. Counting signals as received: their events, the
  /// wait condition's Data into `model`, false (the caller completes the resource). Waiting:
  /// records the row and "Resource creation Initiated", returns true.
  bool on_created(state::ResourceRecord &row, Value &model);

  bool waiting(const std::string &logical_id) const { return waiting_.count(logical_id) > 0; }
  bool any() const { return !waiting_.empty(); }

  /// One poll: collects new signals (handle URLs into the state file first), records an event
  /// for each, and completes or fails the resources they decide, or whose timeout passed. Waits
  /// up to one poll interval (the IN_PROGRESS callback delay) first when nothing changed.
  /// Returns the resources that finished, with whether they succeeded.
  std::vector<std::pair<std::string, bool>> poll();

  /// Fails every waiting resource with "Resource creation cancelled" (another resource failed,
  /// or the stack timed out). Returns their logical IDs.
  std::vector<std::string> cancel_all();

  /// The contract's callbackDelaySeconds equivalent between polls.
  static constexpr std::chrono::milliseconds kPollInterval{100};

private:
  struct Waiting {
    state::ResourceRecord row;
    Value model;
    SignalPolicy policy;
    std::chrono::steady_clock::time_point deadline;
    std::set<std::string> seen; ///< unique IDs already reported
  };
  /// The outcome of one waiting resource after reading its signals.
  providers::ProgressEvent check(Waiting &w);
  void complete(Waiting &w);
  void fail(Waiting &w, const std::string &message, bool record_failure);
  void collect_inbox();

  StackOperation &op_;
  bool wait_;
  providers::ResponseServer *inbox_;
  std::map<std::string, SignalPolicy> expected_;
  std::map<std::string, Waiting> waiting_;
};

} // namespace cfnlocal::engine
