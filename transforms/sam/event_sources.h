#pragma once
/// \file
/// The event source translators, one per SAM event type.

#include "transforms/sam/events.h"

namespace cfnlocal::transforms::sam {

/// One event being translated.
struct EventContext {
  Context &ctx;
  FunctionTarget &target;
  const std::string &event_id;
  std::string logical_id; ///< "<Function><Event>"
  const Json &props;      ///< the event's Properties (an object)
  const Json &event;      ///< the whole event entry

  /// Adds a generated resource carrying the function's passthrough attributes.
  void add(const std::string &id, Json resource) const;
  /// A required property or InvalidEvent "Missing required property 'X'."
  const Json &required(const char *name) const;
};

/// Translates one event of a function; false when the type is unknown.
bool translate_event_source(EventContext &ev, const std::string &type);

/// A pull event (SQS, Kinesis, DynamoDB, MSK, MQ, SelfManagedKafka, DocumentDB): the event source
/// mapping and the role's permissions to poll; false when `type` is not a pull event.
bool translate_pull_event(EventContext &ev, const std::string &type);

/// Api (REST) event: the method in the API's Swagger and the permissions.
void translate_api_event(EventContext &ev);
/// HttpApi event.
void translate_http_api_event(EventContext &ev);

/// DeadLetterConfig of an EventBridge rule or EventBridge Scheduler target (Schedule,
/// CloudWatchEvent, EventBridgeRule, ScheduleV2 events of functions and state machines).
/// `dlq` is {Arn} or {Type: SQS, QueueLogicalId?}; with Type SQS the queue "<logical_id>Queue"
/// (or QueueLogicalId) is created and, for a rule (`scheduler` false), the queue policy
/// "<logical_id>QueuePolicy" that lets the rule send. Returns the target's {Arn}; `queue_arn`
/// (when given) receives the queue ARN. Throws InvalidEvent naming `logical_id`.
Json dead_letter_target(Context &ctx, const std::string &logical_id, const Json &dlq,
                        const Json &attributes, bool scheduler, Json *queue_arn);

/// The inline policy "<logical_id>SQSPolicy" letting a scheduler role send to its DLQ.
Json scheduler_sqs_policy(const std::string &logical_id, const Json &queue_arn);

/// The Id of an EventBridge rule target: "<logical_id><suffix>", the logical ID cut so that the
/// whole fits EventBridge's 64 characters.
std::string rule_target_id(const std::string &logical_id, const std::string &suffix);

/// An ARN with the literal partition of the context ("arn:aws-cn:..."), as the translator writes
/// the ARNs it builds for a region.
std::string literal_arn_prefix(const Context &ctx);

} // namespace cfnlocal::transforms::sam
