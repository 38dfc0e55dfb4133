#include "transforms/sam/event_sources.h"

namespace cfnlocal::transforms::sam {

Json dead_letter_target(Context &ctx, const std::string &logical_id, const Json &dlq,
                        const Json &attributes, bool scheduler, Json *queue_arn) {
  // The translator names the event by its generated logical ID in these messages.
  if (!dlq.is_object())
    throw InvalidEvent{logical_id, "Property 'DeadLetterConfig' should be a map."};
  bool has_arn = dlq.contains("Arn"), has_type = dlq.contains("Type");
  if (has_arn && has_type)
    throw InvalidEvent{logical_id,
                       "You can either define 'Arn' or 'Type' property of DeadLetterConfig."};
  if (has_arn) {
    if (queue_arn)
      *queue_arn = dlq["Arn"];
    return Json{{"Arn", dlq["Arn"]}};
  }
  if (!has_type)
    throw InvalidEvent{logical_id, "No 'Arn' or 'Type' property provided for DeadLetterConfig."};
  if (dlq["Type"] != "SQS")
    throw InvalidEvent{logical_id,
                       "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'."};
  std::string queue_id = logical_id + "Queue";
  if (dlq.contains("QueueLogicalId")) {
    if (!dlq["QueueLogicalId"].is_string())
      throw InvalidEvent{logical_id, "QueueLogicalId must be a string"};
    queue_id = dlq["QueueLogicalId"].get<std::string>();
  }
  Json queue = Json{{"Type", "AWS::SQS::Queue"}, {"Properties", Json::object()}};
  apply_passthrough(queue, attributes);
  ctx.add(queue_id, queue);
  Json arn = make_getatt(queue_id, "Arn");
  if (queue_arn)
    *queue_arn = arn;
  // A scheduler sends with its execution role; an EventBridge rule needs the queue's consent.
  if (!scheduler) {
    Json doc = Json{
        {"Version", "2012-10-17"},
        {"Statement",
         Json::array({Json{
             {"Action", "sqs:SendMessage"},
             {"Effect", "Allow"},
             {"Principal", Json{{"Service", "events.amazonaws.com"}}},
             {"Resource", arn},
             {"Condition",
              Json{{"ArnEquals", Json{{"aws:SourceArn", make_getatt(logical_id, "Arn")}}}}}}})}};
    Json policy = Json{{"Type", "AWS::SQS::QueuePolicy"},
                       {"Properties", Json{{"PolicyDocument", doc},
                                           {"Queues", Json::array({make_ref(queue_id)})}}}};
    apply_passthrough(policy, attributes);
    ctx.add(logical_id + "QueuePolicy", policy);
  }
  return Json{{"Arn", arn}};
}

std::string rule_target_id(const std::string &logical_id, const std::string &suffix) {
  constexpr size_t max_length = 64;
  std::string id = logical_id + suffix;
  if (id.size() > max_length && suffix.size() < max_length)
    id = logical_id.substr(0, max_length - suffix.size()) + suffix;
  return id;
}

Json scheduler_sqs_policy(const std::string &logical_id, const Json &queue_arn) {
  return Json{
      {"PolicyName", logical_id + "SQSPolicy"},
      {"PolicyDocument", Json{{"Statement", Json::array({Json{{"Action", "sqs:SendMessage"},
                                                              {"Effect", "Allow"},
                                                              {"Resource", queue_arn}}})}}}};
}

} // namespace cfnlocal::transforms::sam
