#include "providers/dynamodb_table_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "dynamodb";
constexpr std::string_view kType = "AWS::DynamoDB::Table";

Json typed_model(const Value &model) {
  return typed(
      model, {"ReadCapacityUnits", "WriteCapacityUnits", "RecoveryPeriodInDays"},
      {"Enabled", "SSEEnabled", "PointInTimeRecoveryEnabled", "DeletionProtectionEnabled"});
}

Json index_input(const Json &index, bool with_throughput) {
  Json out = {{"IndexName", index.value("IndexName", "")},
              {"KeySchema", index.value("KeySchema", Json::array())},
              {"Projection", index.value("Projection", Json::object())}};
  if (with_throughput && index.contains("ProvisionedThroughput"))
    out["ProvisionedThroughput"] = index["ProvisionedThroughput"];
  return out;
}

Json stream_input(const Json &model) {
  auto it = model.find("StreamSpecification");
  if (it == model.end() || !it->contains("StreamViewType"))
    return {{"StreamEnabled", false}};
  return {{"StreamEnabled", true}, {"StreamViewType", (*it)["StreamViewType"]}};
}

Json sse_input(const Json &model) {
  auto it = model.find("SSESpecification");
  if (it == model.end())
    return {{"Enabled", false}};
  Json out = {{"Enabled", it->value("SSEEnabled", false)}};
  if (it->contains("SSEType"))
    out["SSEType"] = (*it)["SSEType"];
  if (it->contains("KMSMasterKeyId"))
    out["KMSMasterKeyId"] = (*it)["KMSMasterKeyId"];
  return out;
}

// Whether a table and its indexes are ACTIVE (DynamoDB builds them asynchronously).
bool table_active(services::Backend &backend, const std::string &name) {
  Json t = backend.call(kService, "DescribeTable", Json{{"TableName", name}})["Table"];
  if (t.value("TableStatus", "") != "ACTIVE")
    return false;
  for (const auto &index : t.value("GlobalSecondaryIndexes", Json::array()))
    if (index.value("IndexStatus", "ACTIVE") != "ACTIVE")
      return false;
  return true;
}

std::string billing_of(const Json &model) { return model.value("BillingMode", "PROVISIONED"); }

const Json *find_index(const Json &list, const Json &name) {
  for (const auto &index : list)
    if (index.value("IndexName", Json()) == name)
      return &index;
  return nullptr;
}

} // namespace

Json DynamoDbTableProvider::create_table_input(const Value &value) {
  Json model = typed_model(value);
  std::string billing = billing_of(model);
  Json in = {{"TableName", model.value("TableName", "")},
             {"KeySchema", model.value("KeySchema", Json::array())},
             {"AttributeDefinitions", model.value("AttributeDefinitions", Json::array())},
             {"BillingMode", billing}};
  if (model.contains("ProvisionedThroughput"))
    in["ProvisionedThroughput"] = model["ProvisionedThroughput"];
  Json gsis = Json::array();
  for (const auto &index : model.value("GlobalSecondaryIndexes", Json::array()))
    gsis.push_back(index_input(index, true));
  if (!gsis.empty())
    in["GlobalSecondaryIndexes"] = gsis;
  Json lsis = Json::array();
  for (const auto &index : model.value("LocalSecondaryIndexes", Json::array()))
    lsis.push_back(index_input(index, false));
  if (!lsis.empty())
    in["LocalSecondaryIndexes"] = lsis;
  if (Json stream = stream_input(model); stream["StreamEnabled"] == true)
    in["StreamSpecification"] = stream;
  if (model.contains("SSESpecification"))
    in["SSESpecification"] = sse_input(model);
  if (model.contains("TableClass"))
    in["TableClass"] = model["TableClass"];
  if (model.contains("DeletionProtectionEnabled"))
    in["DeletionProtectionEnabled"] = model["DeletionProtectionEnabled"];
  if (Json tags = tag_list(value.find("Tags")); !tags.empty())
    in["Tags"] = tags;
  return in;
}

ProgressEvent DynamoDbTableProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string name = string_of(model, "TableName");
  try {
    backend_.call(kService, "DescribeTable", Json{{"TableName", name}});
    return already_exists(name);
  } catch (const services::ServiceError &e) {
    if (!is_not_found(e))
      return failure_from(e, "DynamoDb");
  }
  Json table;
  try {
    table = backend_.call(kService, "CreateTable", create_table_input(model))["TableDescription"];
    wait_until([&] { return table_active(backend_, name); });
  } catch (const services::ServiceError &e) {
    return failure_from(e, "DynamoDb");
  }
  Json typed_props = typed_model(model);
  try {
    if (auto ttl = typed_props.find("TimeToLiveSpecification");
        ttl != typed_props.end() && ttl->value("Enabled", false))
      backend_.call(
          kService, "UpdateTimeToLive",
          Json{{"TableName", name},
               {"TimeToLiveSpecification",
                {{"Enabled", true}, {"AttributeName", ttl->value("AttributeName", "")}}}});
    if (auto pitr = typed_props.find("PointInTimeRecoverySpecification");
        pitr != typed_props.end() && pitr->value("PointInTimeRecoveryEnabled", false))
      backend_.call(kService, "UpdateContinuousBackups",
                    Json{{"TableName", name}, {"PointInTimeRecoverySpecification", *pitr}});
  } catch (const services::ServiceError &e) {
    // The stack never learns a failed create's physical ID: leave nothing behind.
    try {
      backend_.call(kService, "DeleteTable", Json{{"TableName", name}});
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "DynamoDb");
  }
  model.set("Arn", Value(table.value("TableArn", "")));
  if (table.contains("LatestStreamArn"))
    model.set("StreamArn", Value(table["LatestStreamArn"].get<std::string>()));
  else
    model.erase("StreamArn");
  return ProgressEvent::success(std::move(model));
}

ProgressEvent DynamoDbTableProvider::read(const ResourceHandlerRequest &request) {
  const std::string &name = request.physical_id;
  Json table, ttl, backups, tags;
  try {
    table = backend_.call(kService, "DescribeTable", Json{{"TableName", name}})["Table"];
    ttl = backend_.call(kService, "DescribeTimeToLive", Json{{"TableName", name}})
              .value("TimeToLiveDescription", Json::object());
    backups = backend_.call(kService, "DescribeContinuousBackups", Json{{"TableName", name}})
                  .value("ContinuousBackupsDescription", Json::object());
    tags = backend_
               .call(kService, "ListTagsOfResource",
                     Json{{"ResourceArn", table.value("TableArn", "")}})
               .value("Tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "DynamoDb");
  }
  Json m = {{"TableName", name},
            {"Arn", table.value("TableArn", "")},
            {"KeySchema", table["KeySchema"]},
            {"AttributeDefinitions", table.value("AttributeDefinitions", Json::array())}};
  bool on_demand = table.value("BillingModeSummary", Json::object()).value("BillingMode", "") ==
                   "PAY_PER_REQUEST";
  m["BillingMode"] = on_demand ? "PAY_PER_REQUEST" : "PROVISIONED";
  auto throughput = [](const Json &pt) {
    return Json{{"ReadCapacityUnits", pt.value("ReadCapacityUnits", 0)},
                {"WriteCapacityUnits", pt.value("WriteCapacityUnits", 0)}};
  };
  if (!on_demand)
    m["ProvisionedThroughput"] = throughput(table.value("ProvisionedThroughput", Json::object()));
  for (const char *kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    Json out = Json::array();
    for (const auto &index : table.value(kind, Json::array())) {
      Json i = {{"IndexName", index["IndexName"]},
                {"KeySchema", index["KeySchema"]},
                {"Projection", index["Projection"]}};
      if (std::string_view(kind) == "GlobalSecondaryIndexes" && !on_demand)
        i["ProvisionedThroughput"] =
            throughput(index.value("ProvisionedThroughput", Json::object()));
      out.push_back(i);
    }
    if (!out.empty())
      m[kind] = out;
  }
  if (auto s = table.find("StreamSpecification");
      s != table.end() && s->value("StreamEnabled", false)) {
    m["StreamSpecification"] = {{"StreamViewType", (*s)["StreamViewType"]}};
    m["StreamArn"] = table.value("LatestStreamArn", "");
  }
  if (auto sse = table.find("SSEDescription"); sse != table.end()) {
    m["SSESpecification"] = {{"SSEEnabled", sse->value("Status", "") == "ENABLED"},
                             {"SSEType", sse->value("SSEType", "KMS")}};
    if (sse->contains("KMSMasterKeyArn"))
      m["SSESpecification"]["KMSMasterKeyId"] = (*sse)["KMSMasterKeyArn"];
  }
  if (auto cls = table.find("TableClassSummary"); cls != table.end())
    m["TableClass"] = cls->value("TableClass", "STANDARD");
  m["DeletionProtectionEnabled"] = table.value("DeletionProtectionEnabled", false);
  if (ttl.value("TimeToLiveStatus", "DISABLED") == "ENABLED")
    m["TimeToLiveSpecification"] = {{"AttributeName", ttl.value("AttributeName", "")},
                                    {"Enabled", true}};
  Json pitr = backups.value("PointInTimeRecoveryDescription", Json::object());
  m["PointInTimeRecoverySpecification"] = {
      {"PointInTimeRecoveryEnabled", pitr.value("PointInTimeRecoveryStatus", "") == "ENABLED"}};
  if (pitr.contains("RecoveryPeriodInDays"))
    m["PointInTimeRecoverySpecification"]["RecoveryPeriodInDays"] = pitr["RecoveryPeriodInDays"];
  if (!tags.empty())
    m["Tags"] = tags;
  return ProgressEvent::success(from_json(m));
}

ProgressEvent DynamoDbTableProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired_value = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired_value))
    return *failure;
  const std::string &name = request.physical_id;
  Json desired = typed_model(desired_value);
  try {
    Json table = backend_.call(kService, "DescribeTable", Json{{"TableName", name}})["Table"];
    // What DynamoDB cannot change in place.
    if (desired.value("KeySchema", Json::array()) != table["KeySchema"])
      return not_updatable("/properties/KeySchema");
    Json current_lsis = Json::array(), wanted_lsis = Json::array();
    for (const auto &index : table.value("LocalSecondaryIndexes", Json::array()))
      current_lsis.push_back(index_input(index, false));
    for (const auto &index : desired.value("LocalSecondaryIndexes", Json::array()))
      wanted_lsis.push_back(index_input(index, false));
    if (current_lsis != wanted_lsis)
      return not_updatable("/properties/LocalSecondaryIndexes");

    auto update = [&](Json in) {
      in["TableName"] = name;
      backend_.call(kService, "UpdateTable", in);
      wait_until([&] { return table_active(backend_, name); });
      table = backend_.call(kService, "DescribeTable", Json{{"TableName", name}})["Table"];
    };
    Json definitions = desired.value("AttributeDefinitions", Json::array());
    std::string billing = billing_of(desired);
    bool on_demand_now =
        table.value("BillingModeSummary", Json::object()).value("BillingMode", "") ==
        "PAY_PER_REQUEST";
    Json wanted_gsis = desired.value("GlobalSecondaryIndexes", Json::array());

    // Indexes the template drops go first (one per call), so a billing switch does not need
    // their throughput.
    for (const auto &index : table.value("GlobalSecondaryIndexes", Json::array())) {
      const Json *wanted = find_index(wanted_gsis, index["IndexName"]);
      if (!wanted || index_input(*wanted, false) != index_input(index, false))
        update(
            {{"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", index["IndexName"]}}}}}}});
    }
    // Billing mode and table throughput.
    Json billing_in = Json::object();
    if ((billing == "PAY_PER_REQUEST") != on_demand_now)
      billing_in["BillingMode"] = billing;
    if (billing == "PROVISIONED" && desired.contains("ProvisionedThroughput")) {
      Json pt = desired["ProvisionedThroughput"];
      Json now = table.value("ProvisionedThroughput", Json::object());
      if (on_demand_now || now.value("ReadCapacityUnits", Json()) != pt["ReadCapacityUnits"] ||
          now.value("WriteCapacityUnits", Json()) != pt["WriteCapacityUnits"])
        billing_in["ProvisionedThroughput"] = pt;
    }
    if (billing_in.contains("BillingMode") && billing == "PROVISIONED") {
      // The remaining indexes need their throughput with the switch.
      Json updates = Json::array();
      for (const auto &index : table.value("GlobalSecondaryIndexes", Json::array()))
        if (const Json *wanted = find_index(wanted_gsis, index["IndexName"]))
          updates.push_back({{"Update",
                              {{"IndexName", index["IndexName"]},
                               {"ProvisionedThroughput",
                                wanted->value("ProvisionedThroughput", Json::object())}}}});
      if (!updates.empty())
        billing_in["GlobalSecondaryIndexUpdates"] = updates;
    }
    if (!billing_in.empty())
      update(billing_in);
    // New indexes, one per call; then changed index throughput.
    for (const auto &index : wanted_gsis)
      if (!find_index(table.value("GlobalSecondaryIndexes", Json::array()), index["IndexName"]))
        update({{"AttributeDefinitions", definitions},
                {"GlobalSecondaryIndexUpdates",
                 {{{"Create", index_input(index, billing == "PROVISIONED")}}}}});
    if (billing == "PROVISIONED") {
      Json updates = Json::array();
      for (const auto &index : table.value("GlobalSecondaryIndexes", Json::array())) {
        const Json *wanted = find_index(wanted_gsis, index["IndexName"]);
        if (!wanted || !wanted->contains("ProvisionedThroughput"))
          continue;
        Json pt = (*wanted)["ProvisionedThroughput"];
        Json now = index.value("ProvisionedThroughput", Json::object());
        if (now.value("ReadCapacityUnits", Json()) != pt["ReadCapacityUnits"] ||
            now.value("WriteCapacityUnits", Json()) != pt["WriteCapacityUnits"])
          updates.push_back(
              {{"Update", {{"IndexName", index["IndexName"]}, {"ProvisionedThroughput", pt}}}});
      }
      if (!updates.empty())
        update({{"GlobalSecondaryIndexUpdates", updates}});
    }
    // The stream: a new view type is a new stream.
    Json stream_now = table.value("StreamSpecification", Json{{"StreamEnabled", false}});
    Json stream_wanted = stream_input(desired);
    if (stream_now.value("StreamEnabled", false) != stream_wanted.value("StreamEnabled", false) ||
        stream_now.value("StreamViewType", Json()) !=
            stream_wanted.value("StreamViewType", Json())) {
      if (stream_now.value("StreamEnabled", false))
        update({{"StreamSpecification", {{"StreamEnabled", false}}}});
      if (stream_wanted["StreamEnabled"] == true)
        update({{"StreamSpecification", stream_wanted}});
    }
    // SSE, table class, deletion protection.
    Json sse_now =
        table.contains("SSEDescription") ? Json{{"Enabled", true}} : Json{{"Enabled", false}};
    Json sse_wanted = sse_input(desired);
    if (sse_now["Enabled"] != sse_wanted.value("Enabled", false) ||
        (sse_wanted.contains("KMSMasterKeyId") &&
         table["SSEDescription"].value("KMSMasterKeyArn", "") !=
             sse_wanted["KMSMasterKeyId"].get<std::string>() &&
         !table["SSEDescription"]
              .value("KMSMasterKeyArn", "")
              .ends_with("/" + sse_wanted["KMSMasterKeyId"].get<std::string>())))
      update({{"SSESpecification", sse_wanted}});
    std::string class_now =
        table.value("TableClassSummary", Json::object()).value("TableClass", "STANDARD");
    std::string class_wanted = desired.value("TableClass", "STANDARD");
    if (class_now != class_wanted)
      update({{"TableClass", class_wanted}});
    bool protect_wanted = desired.value("DeletionProtectionEnabled", false);
    if (table.value("DeletionProtectionEnabled", false) != protect_wanted)
      update({{"DeletionProtectionEnabled", protect_wanted}});

    // Time to live: a new attribute needs the old one switched off first.
    Json ttl_now = backend_.call(kService, "DescribeTimeToLive", Json{{"TableName", name}})
                       .value("TimeToLiveDescription", Json::object());
    bool ttl_on = ttl_now.value("TimeToLiveStatus", "DISABLED") == "ENABLED";
    Json ttl_wanted = desired.value("TimeToLiveSpecification", Json::object());
    bool ttl_want_on = ttl_wanted.value("Enabled", false);
    std::string ttl_attribute = ttl_wanted.value("AttributeName", "");
    if (ttl_on && (!ttl_want_on || ttl_now.value("AttributeName", "") != ttl_attribute))
      backend_.call(
          kService, "UpdateTimeToLive",
          Json{{"TableName", name},
               {"TimeToLiveSpecification",
                {{"Enabled", false}, {"AttributeName", ttl_now.value("AttributeName", "")}}}});
    if (ttl_want_on && (!ttl_on || ttl_now.value("AttributeName", "") != ttl_attribute))
      backend_.call(
          kService, "UpdateTimeToLive",
          Json{{"TableName", name},
               {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", ttl_attribute}}}});

    // Point-in-time recovery.
    Json pitr_now = backend_.call(kService, "DescribeContinuousBackups", Json{{"TableName", name}})
                        .value("ContinuousBackupsDescription", Json::object())
                        .value("PointInTimeRecoveryDescription", Json::object());
    Json pitr_wanted = desired.value("PointInTimeRecoverySpecification",
                                     Json{{"PointInTimeRecoveryEnabled", false}});
    bool pitr_on = pitr_now.value("PointInTimeRecoveryStatus", "") == "ENABLED";
    bool pitr_want_on = pitr_wanted.value("PointInTimeRecoveryEnabled", false);
    if (pitr_on != pitr_want_on ||
        (pitr_want_on && pitr_wanted.contains("RecoveryPeriodInDays") &&
         pitr_now.value("RecoveryPeriodInDays", Json()) != pitr_wanted["RecoveryPeriodInDays"]))
      backend_.call(
          kService, "UpdateContinuousBackups",
          Json{{"TableName", name},
               {"PointInTimeRecoverySpecification",
                pitr_want_on ? pitr_wanted : Json{{"PointInTimeRecoveryEnabled", false}}}});

    // Tags.
    std::string arn = table.value("TableArn", "");
    Json tags_now = backend_.call(kService, "ListTagsOfResource", Json{{"ResourceArn", arn}})
                        .value("Tags", Json::array());
    TagDiff changes = tag_diff(tags_now, tag_list(desired_value.find("Tags")));
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"ResourceArn", arn}, {"TagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource", Json{{"ResourceArn", arn}, {"Tags", changes.set}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, name, "DynamoDb");
  }
  Value model = merged_model(*type, request, request.previous_state);
  try {
    Json table = backend_.call(kService, "DescribeTable", Json{{"TableName", name}})["Table"];
    model.set("Arn", Value(table.value("TableArn", "")));
    if (table.value("StreamSpecification", Json::object()).value("StreamEnabled", false))
      model.set("StreamArn", Value(table.value("LatestStreamArn", "")));
    else
      model.erase("StreamArn");
  } catch (const services::ServiceError &e) {
    return failure_from(e, "DynamoDb");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent DynamoDbTableProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteTable", Json{{"TableName", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "DynamoDb");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent DynamoDbTableProvider::list(const ResourceHandlerRequest &request) {
  return list_page(backend_, request,
                   {kService, "ListTables", "ExclusiveStartTableName", "TableNames",
                    "LastEvaluatedTableName", "DynamoDb"},
                   Json::object(), [](const Json &name) {
                     return Value::object({{"TableName", Value(name.get<std::string>()), {}}});
                   });
}

} // namespace cfnlocal::providers
