#include "providers/cloudwatch_alarm_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "cloudwatch";
constexpr std::string_view kMetricAlarm = "AWS::CloudWatch::Alarm";

bool composite(std::string_view type_name) { return type_name != kMetricAlarm; }

// The Put call's input: the properties as CloudWatch's shapes type them (CloudFormation passes
// numbers as text after intrinsic functions).
Json alarm_input(const Value &model) {
  Json in =
      typed(model,
            {"Period", "EvaluationPeriods", "DatapointsToAlarm", "ActionsSuppressorWaitPeriod",
             "ActionsSuppressorExtensionPeriod", "EvaluationInterval"},
            {"ActionsEnabled", "ReturnData"});
  in.erase("Arn");
  if (auto t = in.find("Threshold"); t != in.end() && t->is_string()) {
    try {
      *t = std::stod(t->get<std::string>());
    } catch (const std::exception &) {
      // CloudWatch says what is wrong with it.
    }
  }
  if (auto t = in.find("Tags"); t != in.end())
    *t = tag_list(model.find("Tags"));
  return in;
}

// The alarm named `name` of the type's kind, or null.
Json describe(services::Backend &backend, std::string_view type_name, const std::string &name) {
  Json out =
      backend.call(kService, "DescribeAlarms",
                   Json{{"AlarmNames", {name}}, {"AlarmTypes", {"MetricAlarm", "CompositeAlarm"}}});
  for (const char *list : {"MetricAlarms", "CompositeAlarms"})
    for (const auto &a : out.value(list, Json::array()))
      if (a.value("AlarmName", "") == name &&
          (std::string_view(list) == "CompositeAlarms") == composite(type_name))
        return a;
  return nullptr;
}

// The model CloudFormation reads back from an alarm: the members the schema shares with the
// API, and the tags.
Value model_of(const Json &alarm, const Json &tags, std::string_view type_name) {
  Json m = Json::object();
  static const char *metric_members[] = {"AlarmName",
                                         "AlarmDescription",
                                         "ActionsEnabled",
                                         "OKActions",
                                         "AlarmActions",
                                         "InsufficientDataActions",
                                         "MetricName",
                                         "Namespace",
                                         "Statistic",
                                         "ExtendedStatistic",
                                         "Dimensions",
                                         "Period",
                                         "Unit",
                                         "EvaluationPeriods",
                                         "DatapointsToAlarm",
                                         "Threshold",
                                         "ComparisonOperator",
                                         "TreatMissingData",
                                         "EvaluateLowSampleCountPercentile",
                                         "Metrics",
                                         "ThresholdMetricId"};
  static const char *composite_members[] = {"AlarmName",
                                            "AlarmDescription",
                                            "ActionsEnabled",
                                            "OKActions",
                                            "AlarmActions",
                                            "InsufficientDataActions",
                                            "AlarmRule",
                                            "ActionsSuppressor",
                                            "ActionsSuppressorWaitPeriod",
                                            "ActionsSuppressorExtensionPeriod"};
  auto copy = [&](const char *member) {
    auto it = alarm.find(member);
    if (it == alarm.end() || it->is_null() || (it->is_array() && it->empty()))
      return;
    m[member] = *it;
  };
  if (composite(type_name))
    for (const char *member : composite_members)
      copy(member);
  else
    for (const char *member : metric_members)
      copy(member);
  m["Arn"] = alarm.value("AlarmArn", "");
  if (!tags.empty())
    m["Tags"] = tags;
  return from_json(m);
}

Json tags_of(services::Backend &backend, const Json &alarm) {
  return backend.call(kService, "ListTagsForResource", Json{{"ResourceARN", alarm["AlarmArn"]}})
      .value("Tags", Json::array());
}

} // namespace

std::vector<std::string> CloudWatchAlarmProvider::types() {
  return {std::string(kMetricAlarm), "AWS::CloudWatch::CompositeAlarm"};
}

ProgressEvent CloudWatchAlarmProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "AlarmName");
  try {
    if (!describe(backend_, request.type_name, name).is_null())
      return already_exists(name);
    backend_.call(kService, composite(request.type_name) ? "PutCompositeAlarm" : "PutMetricAlarm",
                  alarm_input(model));
    Json alarm = describe(backend_, request.type_name, name);
    model.set("Arn", Value(alarm.is_null() ? "" : alarm.value("AlarmArn", "")));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "CloudWatch");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent CloudWatchAlarmProvider::read(const ResourceHandlerRequest &request) {
  try {
    Json alarm = describe(backend_, request.type_name, request.physical_id);
    if (alarm.is_null())
      return not_found(request.type_name, request.physical_id);
    return ProgressEvent::success(model_of(alarm, tags_of(backend_, alarm), request.type_name));
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "CloudWatch");
  }
}

ProgressEvent CloudWatchAlarmProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &name = request.physical_id;
  try {
    Json alarm = describe(backend_, request.type_name, name);
    if (alarm.is_null())
      return not_found(request.type_name, name);
    Json in = alarm_input(desired);
    in["AlarmName"] = name;
    backend_.call(kService, composite(request.type_name) ? "PutCompositeAlarm" : "PutMetricAlarm",
                  in);
    TagDiff changes = tag_diff(tags_of(backend_, alarm), tag_list(desired.find("Tags")));
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"ResourceARN", alarm["AlarmArn"]}, {"TagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource",
                    Json{{"ResourceARN", alarm["AlarmArn"]}, {"Tags", changes.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, name, "CloudWatch");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent CloudWatchAlarmProvider::remove(const ResourceHandlerRequest &request) {
  try {
    if (describe(backend_, request.type_name, request.physical_id).is_null())
      return not_found(request.type_name, request.physical_id);
    backend_.call(kService, "DeleteAlarms", Json{{"AlarmNames", {request.physical_id}}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, "CloudWatch");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent CloudWatchAlarmProvider::list(const ResourceHandlerRequest &request) {
  bool is_composite = composite(request.type_name);
  Json in = {{"AlarmTypes", {is_composite ? "CompositeAlarm" : "MetricAlarm"}},
             {"MaxRecords", 100}};
  if (!request.next_token.empty())
    in["NextToken"] = request.next_token;
  try {
    Json out = backend_.call(kService, "DescribeAlarms", in);
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &a :
         out.value(is_composite ? "CompositeAlarms" : "MetricAlarms", Json::array()))
      event.resource_models.push_back(
          Value::object({{"AlarmName", Value(a.value("AlarmName", "")), {}}}));
    event.next_token = out.value("NextToken", "");
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "CloudWatch");
  }
}

} // namespace cfnlocal::providers
