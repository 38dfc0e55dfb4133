// The embedded Amazon DynamoDB control plane (Amazon DynamoDB API Reference: CreateTable,
// DescribeTable, UpdateTable, DeleteTable, ListTables, UpdateTimeToLive, DescribeTimeToLive,
// UpdateContinuousBackups, DescribeContinuousBackups, TagResource, UntagResource,
// ListTagsOfResource; botocore dynamodb/2012-08-10, JSON protocol). Records: kind "table", key
// "REGION:NAME" -> {Table: TableDescription as DescribeTable returns it, Tags [{Key, Value}],
// TimeToLive {TimeToLiveStatus, AttributeName}, PointInTimeRecovery {Enabled,
// RecoveryPeriodInDays}}.
//
// Enforced as DynamoDB does: table and index names, the key schema (a HASH key, then an optional
// RANGE key of another attribute), attribute definitions that are exactly the key attributes of
// the table and its indexes, local secondary indexes (table range key required, same hash key,
// at most 5), global secondary indexes (at most 20, one created or deleted per UpdateTable),
// projections, billing mode against provisioned throughput (table and indexes), streams, SSE,
// TTL and point-in-time recovery state changes, deletion protection, and tag limits. Tables and
// indexes are ACTIVE at once (there is no data to build).
#include "services/embedded/context.h"
#include "services/embedded/shape_checks.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

constexpr std::string_view kService = "dynamodb";
constexpr const char *kNamePattern = "[a-zA-Z0-9_.-]+";

[[noreturn]] void invalid(std::string_view detail) {
  throw ServiceError("ValidationException",
                     fmt::format("One or more parameter values were invalid: {}", detail));
}

[[noreturn]] void table_not_found(std::string_view name) {
  throw ServiceError("ResourceNotFoundException",
                     fmt::format("Requested resource not found: Table: {} not found", name));
}

std::string key_of(const Context &c, std::string_view name) {
  return c.region + ":" + std::string(name);
}

std::string table_arn(const Context &c, std::string_view name) {
  return fmt::format("arn:{}:dynamodb:{}:{}:table/{}", c.partition, c.region, c.account, name);
}

// TableName may also be given as the table's ARN.
std::string table_name_member(const Context &c, const Json &input) {
  std::string name = string_member(input, "TableName", "tableName");
  std::string prefix = table_arn(c, "");
  if (name.starts_with(prefix))
    name = name.substr(prefix.size());
  check_length("TableName", name, 3, 255);
  check_pattern("tableName", name, kNamePattern);
  return name;
}

Json load(Context &c, const std::string &name) {
  auto record = c.store.get_record(kService, "table", key_of(c, name));
  if (!record)
    table_not_found(name);
  return *record;
}

void save(Context &c, const std::string &name, const Json &record) {
  c.store.put_record(kService, "table", key_of(c, name), record);
}

// The table a resource ARN names; ResourceNotFoundException otherwise.
std::pair<std::string, Json> load_by_arn(Context &c, const std::string &arn) {
  std::string prefix = table_arn(c, "");
  std::string name = arn.starts_with(prefix) ? arn.substr(prefix.size()) : "";
  auto record = name.empty() || name.find('/') != std::string::npos
                    ? std::nullopt
                    : c.store.get_record(kService, "table", key_of(c, name));
  if (!record)
    throw ServiceError("ResourceNotFoundException",
                       fmt::format("Requested resource not found: ResourcArn: {} not found", arn));
  return {name, *record};
}

// ---- shapes -----------------------------------------------------------------------------------

// KeySchema: [{AttributeName, KeyType}] with HASH first and an optional RANGE second.
Json read_key_schema(const Json &list, std::string_view member) {
  std::string m(member);
  check_count(m, list, 1, 2);
  Json out = Json::array();
  for (size_t i = 0; i < list.size(); ++i) {
    std::string at = fmt::format("{}.{}.member", m, i + 1);
    std::string name = string_member(list[i], "AttributeName", at + ".attributeName");
    check_length("AttributeName", name, 1, 255);
    std::string type = string_member(list[i], "KeyType", at + ".keyType");
    check_enum(at + ".keyType", type, {"HASH", "RANGE"});
    out.push_back({{"AttributeName", name}, {"KeyType", type}});
  }
  if (out[0]["KeyType"] != "HASH")
    throw ServiceError("ValidationException",
                       "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  if (out.size() == 2) {
    if (out[1]["KeyType"] != "RANGE")
      throw ServiceError("ValidationException",
                         "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    if (out[0]["AttributeName"] == out[1]["AttributeName"])
      throw ServiceError("ValidationException", "Both the Hash Key and the Range Key element in "
                                                "the KeySchema have the same name");
  }
  return out;
}

std::string hash_key(const Json &schema) { return schema[0]["AttributeName"]; }
std::string range_key(const Json &schema) {
  return schema.size() > 1 ? schema[1]["AttributeName"].get<std::string>() : "";
}

std::map<std::string, std::string> read_attribute_definitions(const Json &input) {
  std::map<std::string, std::string> out;
  const Json *list = list_member(input, "AttributeDefinitions", "attributeDefinitions");
  if (!list)
    return out;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string at = fmt::format("attributeDefinitions.{}.member", i + 1);
    std::string name = string_member((*list)[i], "AttributeName", at + ".attributeName");
    check_length("AttributeName", name, 1, 255);
    std::string type = string_member((*list)[i], "AttributeType", at + ".attributeType");
    check_enum(at + ".attributeType", type, {"B", "N", "S"});
    if (out.count(name))
      invalid(fmt::format("Duplicate AttributeName in AttributeDefinitions: {}", name));
    out[name] = type;
  }
  return out;
}

Json definitions_json(const std::map<std::string, std::string> &defs) {
  Json out = Json::array();
  for (const auto &[name, type] : defs)
    out.push_back({{"AttributeName", name}, {"AttributeType", type}});
  return out;
}

// {ReadCapacityUnits, WriteCapacityUnits}, both at least 1.
Json read_throughput(const Json &object, std::string_view member) {
  std::string m(member);
  auto read = int_member(object, "ReadCapacityUnits", m + ".readCapacityUnits");
  auto write = int_member(object, "WriteCapacityUnits", m + ".writeCapacityUnits");
  if (!read || !write)
    invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
            "PROVISIONED");
  check_range(m + ".readCapacityUnits", *read, 1, std::nullopt);
  check_range(m + ".writeCapacityUnits", *write, 1, std::nullopt);
  return {{"ReadCapacityUnits", *read}, {"WriteCapacityUnits", *write}};
}

Json throughput_description(const Json &wanted) {
  return {{"NumberOfDecreasesToday", 0},
          {"ReadCapacityUnits", wanted.is_object() ? wanted.value("ReadCapacityUnits", 0) : 0},
          {"WriteCapacityUnits", wanted.is_object() ? wanted.value("WriteCapacityUnits", 0) : 0}};
}

Json read_projection(const Json &index, const std::string &member, size_t &non_key_total) {
  auto it = index.find("Projection");
  if (it == index.end() || it->is_null())
    constraint_error(member + ".projection", Json(), "not be null");
  std::string type = it->value("ProjectionType", "");
  if (type.empty())
    invalid("Unknown ProjectionType: null");
  check_enum(member + ".projection.projectionType", type, {"ALL", "KEYS_ONLY", "INCLUDE"});
  Json out = {{"ProjectionType", type}};
  const Json *non_key =
      list_member(*it, "NonKeyAttributes", member + ".projection.nonKeyAttributes");
  if (type == "INCLUDE") {
    if (!non_key || non_key->empty())
      invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    check_count(member + ".projection.nonKeyAttributes", *non_key, 1, 20);
    std::set<std::string> seen;
    for (const auto &a : *non_key) {
      if (!a.is_string() || a.get<std::string>().empty())
        constraint_error(member + ".projection.nonKeyAttributes", a, "be a non-empty string");
      if (!seen.insert(a.get<std::string>()).second)
        invalid(fmt::format("Duplicate attribute in NonKeyAttributes: {}", a.get<std::string>()));
    }
    non_key_total += non_key->size();
    out["NonKeyAttributes"] = *non_key;
  } else if (non_key && !non_key->empty()) {
    invalid(fmt::format("ProjectionType is {}, but NonKeyAttributes is specified", type));
  }
  return out;
}

std::string index_name_of(const Json &index, const std::string &member) {
  std::string name = string_member(index, "IndexName", member + ".indexName");
  check_length("IndexName", name, 3, 255);
  check_pattern(member + ".indexName", name, kNamePattern);
  return name;
}

// Every key attribute defined, every definition used: DynamoDB's two messages.
void check_definitions(const std::map<std::string, std::string> &defs,
                       const std::set<std::string> &keys) {
  std::vector<std::string> missing;
  for (const auto &k : keys)
    if (!defs.count(k))
      missing.push_back(k);
  if (!missing.empty()) {
    std::string key_list, def_list;
    for (const auto &k : keys)
      key_list += (key_list.empty() ? "" : ", ") + k;
    for (const auto &[d, t] : defs)
      def_list += (def_list.empty() ? "" : ", ") + d;
    invalid(fmt::format("Some index key attributes are not defined in AttributeDefinitions. "
                        "Keys: [{}], AttributeDefinitions: [{}]",
                        key_list, def_list));
  }
  if (defs.size() != keys.size())
    invalid("Number of attributes in KeySchema does not exactly match number of attributes "
            "defined in AttributeDefinitions");
}

std::set<std::string> key_attributes(const Json &table) {
  std::set<std::string> keys;
  auto add = [&](const Json &schema) {
    for (const auto &k : schema)
      keys.insert(k["AttributeName"].get<std::string>());
  };
  add(table["KeySchema"]);
  for (const char *kind : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"})
    if (table.contains(kind))
      for (const auto &index : table[kind])
        add(index["KeySchema"]);
  return keys;
}

Json read_stream(const Json &spec, const Context &c, const std::string &arn, Json &table) {
  auto enabled = bool_member(spec, "StreamEnabled", "streamSpecification.streamEnabled");
  if (!enabled)
    constraint_error("streamSpecification.streamEnabled", Json(), "not be null");
  auto view = spec.find("StreamViewType");
  bool has_view = view != spec.end() && !view->is_null();
  if (*enabled) {
    if (!has_view)
      invalid("Must specify a StreamViewType when StreamEnabled is true");
    check_enum("streamSpecification.streamViewType", view->get<std::string>(),
               {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"});
    std::string label = state::now_iso8601();
    label.pop_back(); // DynamoDB's labels carry no zone designator
    table["LatestStreamLabel"] = label;
    table["LatestStreamArn"] = arn + "/stream/" + label;
    (void)c;
    return {{"StreamEnabled", true}, {"StreamViewType", *view}};
  }
  if (has_view)
    invalid("StreamViewType cannot be specified when StreamEnabled is false");
  return {{"StreamEnabled", false}};
}

Json read_sse(const Context &c, const Json &spec) {
  auto enabled = bool_member(spec, "Enabled", "sSESpecification.enabled").value_or(false);
  std::string type = spec.value("SSEType", "");
  std::string key = spec.value("KMSMasterKeyId", "");
  if (!type.empty())
    check_enum("sSESpecification.sSEType", type, {"AES256", "KMS"});
  if (!enabled) {
    if (!key.empty())
      invalid("KMSMasterKeyId can only be specified when SSE is enabled with SSEType KMS");
    return Json(); // DynamoDB's owned key: no SSEDescription
  }
  if (type == "AES256")
    invalid("Server-Side Encryption with SSEType AES256 is not supported; use KMS");
  if (key.empty())
    key = fmt::format("arn:{}:kms:{}:{}:alias/aws/dynamodb", c.partition, c.region, c.account);
  else if (!key.starts_with("arn:"))
    key = key.starts_with("alias/")
              ? fmt::format("arn:{}:kms:{}:{}:{}", c.partition, c.region, c.account, key)
              : fmt::format("arn:{}:kms:{}:{}:key/{}", c.partition, c.region, c.account, key);
  return {{"Status", "ENABLED"}, {"SSEType", "KMS"}, {"KMSMasterKeyArn", key}};
}

std::vector<std::pair<std::string, std::string>> read_dynamodb_tags(const Json &input,
                                                                    size_t already = 0) {
  auto tags = read_tags(input, "Tags", 50, "LimitExceededException");
  if (tags.size() + already > 50)
    throw ServiceError("LimitExceededException",
                       "The request would exceed the limit of 50 tags per resource.");
  for (const auto &[k, v] : tags)
    if (k.starts_with("aws:"))
      throw ServiceError("ValidationException",
                         "One or more parameter values were invalid: Tag keys may not start with "
                         "the reserved prefix aws:");
  return tags;
}

// ---- operations -------------------------------------------------------------------------------

Json create_table(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  const Json *schema_list = list_member(input, "KeySchema", "keySchema");
  if (!schema_list)
    constraint_error("keySchema", Json(), "not be null");
  Json key_schema = read_key_schema(*schema_list, "keySchema");
  auto defs = read_attribute_definitions(input);
  if (!input.contains("AttributeDefinitions"))
    constraint_error("attributeDefinitions", Json(), "not be null");
  std::string billing = input.value("BillingMode", "PROVISIONED");
  check_enum("billingMode", billing, {"PROVISIONED", "PAY_PER_REQUEST"});
  bool provisioned = billing == "PROVISIONED";
  auto pt = input.find("ProvisionedThroughput");
  bool has_pt = pt != input.end() && !pt->is_null();
  if (!provisioned && has_pt)
    invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
            "is PAY_PER_REQUEST");
  if (provisioned && !has_pt)
    invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
            "PROVISIONED");

  std::string arn = table_arn(c, name);
  std::string now = iso_now();
  Json table = {
      {"TableName", name},       {"KeySchema", key_schema},   {"TableStatus", "ACTIVE"},
      {"CreationDateTime", now}, {"TableSizeBytes", 0},       {"ItemCount", 0},
      {"TableArn", arn},         {"TableId", state::uuid4()}, {"DeletionProtectionEnabled", false}};
  table["ProvisionedThroughput"] =
      throughput_description(provisioned ? read_throughput(*pt, "provisionedThroughput") : Json());
  if (!provisioned)
    table["BillingModeSummary"] = {{"BillingMode", "PAY_PER_REQUEST"},
                                   {"LastUpdateToPayPerRequestDateTime", now}};

  std::set<std::string> index_names;
  size_t non_key_total = 0;
  if (const Json *lsis = list_member(input, "LocalSecondaryIndexes", "localSecondaryIndexes")) {
    if (lsis->size() > 5)
      invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    if (!lsis->empty() && key_schema.size() < 2)
      invalid("Table KeySchema does not have a range key, which is required when specifying a "
              "LocalSecondaryIndex");
    Json out = Json::array();
    for (size_t i = 0; i < lsis->size(); ++i) {
      std::string at = fmt::format("localSecondaryIndexes.{}.member", i + 1);
      const Json &index = (*lsis)[i];
      std::string index_name = index_name_of(index, at);
      if (!index_names.insert(index_name).second)
        invalid(fmt::format("Duplicate index name: {}", index_name));
      const Json *ks = list_member(index, "KeySchema", at + ".keySchema");
      if (!ks)
        constraint_error(at + ".keySchema", Json(), "not be null");
      Json index_schema = read_key_schema(*ks, at + ".keySchema");
      if (index_schema.size() < 2)
        invalid(fmt::format("Index KeySchema does not have a range key for index: {}", index_name));
      if (hash_key(index_schema) != hash_key(key_schema))
        invalid(fmt::format("Index KeySchema does not have the same leading hash key as table "
                            "KeySchema for index: {}. index hash key: {}, table hash key: {}",
                            index_name, hash_key(index_schema), hash_key(key_schema)));
      out.push_back({{"IndexName", index_name},
                     {"KeySchema", index_schema},
                     {"Projection", read_projection(index, at, non_key_total)},
                     {"IndexSizeBytes", 0},
                     {"ItemCount", 0},
                     {"IndexArn", arn + "/index/" + index_name}});
    }
    if (!out.empty())
      table["LocalSecondaryIndexes"] = out;
  }
  if (const Json *gsis = list_member(input, "GlobalSecondaryIndexes", "globalSecondaryIndexes")) {
    if (gsis->size() > 20)
      invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    Json out = Json::array();
    for (size_t i = 0; i < gsis->size(); ++i) {
      std::string at = fmt::format("globalSecondaryIndexes.{}.member", i + 1);
      const Json &index = (*gsis)[i];
      std::string index_name = index_name_of(index, at);
      if (!index_names.insert(index_name).second)
        invalid(fmt::format("Duplicate index name: {}", index_name));
      const Json *ks = list_member(index, "KeySchema", at + ".keySchema");
      if (!ks)
        constraint_error(at + ".keySchema", Json(), "not be null");
      Json index_schema = read_key_schema(*ks, at + ".keySchema");
      auto ipt = index.find("ProvisionedThroughput");
      bool has_ipt = ipt != index.end() && !ipt->is_null();
      if (provisioned && !has_ipt)
        invalid(fmt::format("ProvisionedThroughput must be specified for index: {}", index_name));
      if (!provisioned && has_ipt)
        invalid(fmt::format("ProvisionedThroughput should not be specified for index: {} when "
                            "BillingMode is PAY_PER_REQUEST",
                            index_name));
      out.push_back(
          {{"IndexName", index_name},
           {"KeySchema", index_schema},
           {"Projection", read_projection(index, at, non_key_total)},
           {"IndexStatus", "ACTIVE"},
           {"ProvisionedThroughput",
            throughput_description(
                provisioned ? read_throughput(*ipt, at + ".provisionedThroughput") : Json())},
           {"IndexSizeBytes", 0},
           {"ItemCount", 0},
           {"IndexArn", arn + "/index/" + index_name}});
    }
    if (!out.empty())
      table["GlobalSecondaryIndexes"] = out;
  }
  if (non_key_total > 100)
    invalid("The sum of NonKeyAttributes across all secondary indexes exceeds the limit of 100");
  check_definitions(defs, key_attributes(table));
  table["AttributeDefinitions"] = definitions_json(defs);

  if (auto stream = input.find("StreamSpecification");
      stream != input.end() && !stream->is_null()) {
    Json spec = read_stream(*stream, c, arn, table);
    if (spec["StreamEnabled"] == true)
      table["StreamSpecification"] = spec;
  }
  if (auto sse = input.find("SSESpecification"); sse != input.end() && !sse->is_null())
    if (Json d = read_sse(c, *sse); !d.is_null())
      table["SSEDescription"] = d;
  if (auto cls = optional_string(input, "TableClass")) {
    check_enum("tableClass", *cls, {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
    table["TableClassSummary"] = {{"TableClass", *cls}};
  }
  if (auto protect = bool_member(input, "DeletionProtectionEnabled", "deletionProtectionEnabled"))
    table["DeletionProtectionEnabled"] = *protect;
  auto tags = read_dynamodb_tags(input);

  if (c.store.get_record(kService, "table", key_of(c, name)))
    throw ServiceError("ResourceInUseException", fmt::format("Table already exists: {}", name));
  Json record = {{"Table", table},
                 {"Tags", tag_list(tags)},
                 {"TimeToLive", {{"TimeToLiveStatus", "DISABLED"}}},
                 {"PointInTimeRecovery", {{"Enabled", false}}}};
  save(c, name, record);
  Json shown = table;
  shown["TableStatus"] = "CREATING";
  return {{"TableDescription", shown}};
}

Json describe_table(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  return {{"Table", load(c, name)["Table"]}};
}

Json list_tables(Context &c, const Json &input) {
  auto limit = int_member(input, "Limit", "limit");
  if (limit)
    check_range("limit", *limit, 1, 100);
  size_t max = static_cast<size_t>(limit.value_or(100));
  std::string start = optional_string(input, "ExclusiveStartTableName").value_or("");
  auto records = c.store.list_records(kService, "table", c.region + ":", max + 1,
                                      start.empty() ? "" : key_of(c, start));
  Json names = Json::array();
  for (size_t i = 0; i < records.size() && i < max; ++i)
    names.push_back(records[i].second["Table"]["TableName"]);
  Json out = {{"TableNames", names}};
  if (records.size() > max)
    out["LastEvaluatedTableName"] = names.back();
  return out;
}

Json update_table(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  Json record = load(c, name);
  Json &table = record["Table"];
  std::string arn = table["TableArn"];
  bool anything = false;

  std::string billing =
      table.value("BillingModeSummary", Json::object()).value("BillingMode", "PROVISIONED");
  std::string new_billing = billing;
  if (auto b = optional_string(input, "BillingMode")) {
    check_enum("billingMode", *b, {"PROVISIONED", "PAY_PER_REQUEST"});
    new_billing = *b;
    anything = true;
  }
  auto pt = input.find("ProvisionedThroughput");
  bool has_pt = pt != input.end() && !pt->is_null();
  if (new_billing == "PAY_PER_REQUEST" && has_pt)
    invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
            "is PAY_PER_REQUEST");
  if (new_billing == "PROVISIONED" && billing != new_billing && !has_pt)
    invalid("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  if (has_pt) {
    Json wanted = read_throughput(*pt, "provisionedThroughput");
    Json &current = table["ProvisionedThroughput"];
    if (billing == new_billing && current["ReadCapacityUnits"] == wanted["ReadCapacityUnits"] &&
        current["WriteCapacityUnits"] == wanted["WriteCapacityUnits"])
      throw ServiceError(
          "ValidationException",
          fmt::format("The provisioned throughput for the table will not change. The requested "
                      "value equals the current value. Current ReadCapacityUnits provisioned for "
                      "the table: {}. Requested ReadCapacityUnits: {}. Current WriteCapacityUnits "
                      "provisioned for the table: {}. Requested WriteCapacityUnits: {}. Refer to "
                      "the Amazon DynamoDB Developer Guide for current limits and how to request "
                      "higher limits.",
                      current["ReadCapacityUnits"].dump(), wanted["ReadCapacityUnits"].dump(),
                      current["WriteCapacityUnits"].dump(), wanted["WriteCapacityUnits"].dump()));
    current["ReadCapacityUnits"] = wanted["ReadCapacityUnits"];
    current["WriteCapacityUnits"] = wanted["WriteCapacityUnits"];
    anything = true;
  }
  if (new_billing != billing) {
    if (new_billing == "PAY_PER_REQUEST") {
      table["BillingModeSummary"] = {{"BillingMode", "PAY_PER_REQUEST"},
                                     {"LastUpdateToPayPerRequestDateTime", iso_now()}};
      table["ProvisionedThroughput"] = throughput_description(Json());
      if (table.contains("GlobalSecondaryIndexes"))
        for (auto &index : table["GlobalSecondaryIndexes"])
          index["ProvisionedThroughput"] = throughput_description(Json());
    } else {
      table["BillingModeSummary"]["BillingMode"] = "PROVISIONED";
    }
  }

  // Global secondary index updates: new definitions merge with the table's.
  auto defs = read_attribute_definitions(input);
  for (const auto &d : table["AttributeDefinitions"])
    defs.emplace(d["AttributeName"].get<std::string>(), d["AttributeType"].get<std::string>());
  if (const Json *updates =
          list_member(input, "GlobalSecondaryIndexUpdates", "globalSecondaryIndexUpdates")) {
    anything = anything || !updates->empty();
    size_t online = 0;
    for (size_t i = 0; i < updates->size(); ++i) {
      const Json &u = (*updates)[i];
      std::string at = fmt::format("globalSecondaryIndexUpdates.{}.member", i + 1);
      Json &indexes = table["GlobalSecondaryIndexes"];
      if (indexes.is_null())
        indexes = Json::array();
      auto find = [&](const std::string &index_name) -> Json * {
        for (auto &index : indexes)
          if (index["IndexName"] == index_name)
            return &index;
        return nullptr;
      };
      if (auto create = u.find("Create"); create != u.end() && !create->is_null()) {
        ++online;
        std::string index_name = index_name_of(*create, at + ".create");
        bool taken = find(index_name) != nullptr;
        if (table.contains("LocalSecondaryIndexes"))
          for (const auto &l : table["LocalSecondaryIndexes"])
            taken = taken || l["IndexName"] == index_name;
        if (taken)
          throw ServiceError("ValidationException",
                             fmt::format("One or more parameter values were invalid: Index "
                                         "{} already exists",
                                         index_name));
        const Json *ks = list_member(*create, "KeySchema", at + ".create.keySchema");
        if (!ks)
          constraint_error(at + ".create.keySchema", Json(), "not be null");
        Json index_schema = read_key_schema(*ks, at + ".create.keySchema");
        auto ipt = create->find("ProvisionedThroughput");
        bool has_ipt = ipt != create->end() && !ipt->is_null();
        if (new_billing == "PROVISIONED" && !has_ipt)
          invalid(fmt::format("ProvisionedThroughput must be specified for index: {}", index_name));
        if (new_billing == "PAY_PER_REQUEST" && has_ipt)
          invalid(fmt::format("ProvisionedThroughput should not be specified for index: {} when "
                              "BillingMode is PAY_PER_REQUEST",
                              index_name));
        size_t ignored = 0;
        indexes.push_back(
            {{"IndexName", index_name},
             {"KeySchema", index_schema},
             {"Projection", read_projection(*create, at + ".create", ignored)},
             {"IndexStatus", "ACTIVE"},
             {"ProvisionedThroughput",
              throughput_description(
                  has_ipt ? read_throughput(*ipt, at + ".create.provisionedThroughput") : Json())},
             {"IndexSizeBytes", 0},
             {"ItemCount", 0},
             {"IndexArn", arn + "/index/" + index_name}});
        if (indexes.size() > 20)
          invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
      } else if (auto update = u.find("Update"); update != u.end() && !update->is_null()) {
        std::string index_name = index_name_of(*update, at + ".update");
        Json *index = find(index_name);
        if (!index)
          throw ServiceError("ResourceNotFoundException",
                             fmt::format("Requested resource not found: Index: {} not found for "
                                         "table: {}",
                                         index_name, name));
        auto ipt = update->find("ProvisionedThroughput");
        if (ipt == update->end() || ipt->is_null())
          constraint_error(at + ".update.provisionedThroughput", Json(), "not be null");
        if (new_billing == "PAY_PER_REQUEST")
          invalid(fmt::format("ProvisionedThroughput should not be specified for index: {} when "
                              "BillingMode is PAY_PER_REQUEST",
                              index_name));
        Json wanted = read_throughput(*ipt, at + ".update.provisionedThroughput");
        (*index)["ProvisionedThroughput"]["ReadCapacityUnits"] = wanted["ReadCapacityUnits"];
        (*index)["ProvisionedThroughput"]["WriteCapacityUnits"] = wanted["WriteCapacityUnits"];
      } else if (auto remove = u.find("Delete"); remove != u.end() && !remove->is_null()) {
        ++online;
        std::string index_name = index_name_of(*remove, at + ".delete");
        Json kept = Json::array();
        for (auto &index : indexes)
          if (index["IndexName"] != index_name)
            kept.push_back(index);
        if (kept.size() == indexes.size())
          throw ServiceError("ResourceNotFoundException",
                             fmt::format("Requested resource not found: Index: {} not found for "
                                         "table: {}",
                                         index_name, name));
        indexes = kept;
      } else {
        invalid("One of Create, Update or Delete must be specified in a "
                "GlobalSecondaryIndexUpdate");
      }
      if (indexes.empty())
        table.erase("GlobalSecondaryIndexes");
    }
    if (online > 1)
      throw ServiceError("LimitExceededException",
                         "Subscriber limit exceeded: Only 1 online index can be created or "
                         "deleted simultaneously per table");
  }
  // A switch to PROVISIONED needs every remaining index's throughput too.
  if (new_billing == "PROVISIONED" && billing != new_billing &&
      table.contains("GlobalSecondaryIndexes"))
    for (const auto &index : table["GlobalSecondaryIndexes"])
      if (index["ProvisionedThroughput"].value("ReadCapacityUnits", 0) == 0)
        invalid(fmt::format("ProvisionedThroughput must be specified for index: {}",
                            index["IndexName"].get<std::string>()));
  // Definitions are the key attributes in use; a new one without a key is refused.
  std::set<std::string> keys = key_attributes(table);
  std::map<std::string, std::string> used;
  for (const auto &k : keys) {
    if (!defs.count(k))
      check_definitions(defs, keys);
    used[k] = defs[k];
  }
  table["AttributeDefinitions"] = definitions_json(used);

  if (auto stream = input.find("StreamSpecification");
      stream != input.end() && !stream->is_null()) {
    anything = true;
    bool enabled_now = table.contains("StreamSpecification");
    Json scratch = table;
    Json spec = read_stream(*stream, c, arn, scratch);
    if (spec["StreamEnabled"] == true) {
      if (enabled_now)
        throw ServiceError("ValidationException",
                           fmt::format("Table already has an enabled stream: TableName: {}", name));
      table["StreamSpecification"] = spec;
      table["LatestStreamLabel"] = scratch["LatestStreamLabel"];
      table["LatestStreamArn"] = scratch["LatestStreamArn"];
    } else {
      if (!enabled_now)
        throw ServiceError("ValidationException",
                           fmt::format("Table already has no stream enabled: TableName: {}", name));
      table.erase("StreamSpecification"); // the last stream's ARN stays readable, as in DynamoDB
    }
  }
  if (auto sse = input.find("SSESpecification"); sse != input.end() && !sse->is_null()) {
    anything = true;
    Json d = read_sse(c, *sse);
    if (d.is_null())
      table.erase("SSEDescription");
    else
      table["SSEDescription"] = d;
  }
  if (auto cls = optional_string(input, "TableClass")) {
    check_enum("tableClass", *cls, {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
    table["TableClassSummary"] = {{"TableClass", *cls}};
    anything = true;
  }
  if (auto protect = bool_member(input, "DeletionProtectionEnabled", "deletionProtectionEnabled")) {
    table["DeletionProtectionEnabled"] = *protect;
    anything = true;
  }
  if (!anything)
    throw ServiceError("ValidationException",
                       "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                       "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is "
                       "required");
  save(c, name, record);
  return {{"TableDescription", table}};
}

Json delete_table(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  Json record = load(c, name);
  if (record["Table"].value("DeletionProtectionEnabled", false))
    throw ServiceError("ValidationException",
                       "Resource cannot be deleted as it is currently protected against "
                       "deletion. Disable deletion protection first.");
  c.store.delete_record(kService, "table", key_of(c, name));
  Json shown = record["Table"];
  shown["TableStatus"] = "DELETING";
  return {{"TableDescription", shown}};
}

Json update_time_to_live(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  auto spec = input.find("TimeToLiveSpecification");
  if (spec == input.end() || spec->is_null())
    constraint_error("timeToLiveSpecification", Json(), "not be null");
  auto enabled = bool_member(*spec, "Enabled", "timeToLiveSpecification.enabled");
  if (!enabled)
    constraint_error("timeToLiveSpecification.enabled", Json(), "not be null");
  std::string attribute =
      string_member(*spec, "AttributeName", "timeToLiveSpecification.attributeName");
  check_length("AttributeName", attribute, 1, 255);
  Json record = load(c, name);
  Json &ttl = record["TimeToLive"];
  bool on = ttl.value("TimeToLiveStatus", "DISABLED") == "ENABLED";
  if (*enabled && on)
    throw ServiceError("ValidationException", "TimeToLive is already enabled");
  if (!*enabled && !on)
    throw ServiceError("ValidationException", "TimeToLive is already disabled");
  if (!*enabled && ttl.value("AttributeName", "") != attribute)
    throw ServiceError("ValidationException",
                       fmt::format("TimeToLive is enabled on attribute {}, not {}",
                                   ttl.value("AttributeName", ""), attribute));
  ttl = *enabled ? Json{{"TimeToLiveStatus", "ENABLED"}, {"AttributeName", attribute}}
                 : Json{{"TimeToLiveStatus", "DISABLED"}};
  save(c, name, record);
  return {{"TimeToLiveSpecification", {{"Enabled", *enabled}, {"AttributeName", attribute}}}};
}

Json describe_time_to_live(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  return {{"TimeToLiveDescription", load(c, name)["TimeToLive"]}};
}

Json continuous_backups(const Json &record) {
  const Json &pitr = record["PointInTimeRecovery"];
  Json description = {
      {"PointInTimeRecoveryStatus", pitr.value("Enabled", false) ? "ENABLED" : "DISABLED"}};
  if (pitr.value("Enabled", false)) {
    description["RecoveryPeriodInDays"] = pitr.value("RecoveryPeriodInDays", 35);
    description["EarliestRestorableDateTime"] = pitr.value("Since", "");
    description["LatestRestorableDateTime"] = iso_now();
  }
  return {{"ContinuousBackupsStatus", "ENABLED"}, {"PointInTimeRecoveryDescription", description}};
}

Json update_continuous_backups(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  auto spec = input.find("PointInTimeRecoverySpecification");
  if (spec == input.end() || spec->is_null())
    constraint_error("pointInTimeRecoverySpecification", Json(), "not be null");
  auto enabled = bool_member(*spec, "PointInTimeRecoveryEnabled",
                             "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled");
  if (!enabled)
    constraint_error("pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled", Json(),
                     "not be null");
  auto days = int_member(*spec, "RecoveryPeriodInDays",
                         "pointInTimeRecoverySpecification.recoveryPeriodInDays");
  if (days)
    check_range("pointInTimeRecoverySpecification.recoveryPeriodInDays", *days, 1, 35);
  auto record = c.store.get_record(kService, "table", key_of(c, name));
  if (!record)
    throw ServiceError("TableNotFoundException", fmt::format("Table not found: {}", name));
  if (days && !*enabled)
    invalid("RecoveryPeriodInDays can only be specified when PointInTimeRecoveryEnabled is true");
  Json &pitr = (*record)["PointInTimeRecovery"];
  if (*enabled) {
    if (!pitr.value("Enabled", false))
      pitr["Since"] = iso_now();
    pitr["Enabled"] = true;
    pitr["RecoveryPeriodInDays"] = days.value_or(35);
  } else {
    pitr = {{"Enabled", false}};
  }
  save(c, name, *record);
  return {{"ContinuousBackupsDescription", continuous_backups(*record)}};
}

Json describe_continuous_backups(Context &c, const Json &input) {
  std::string name = table_name_member(c, input);
  auto record = c.store.get_record(kService, "table", key_of(c, name));
  if (!record)
    throw ServiceError("TableNotFoundException", fmt::format("Table not found: {}", name));
  return {{"ContinuousBackupsDescription", continuous_backups(*record)}};
}

Json tag_resource(Context &c, const Json &input) {
  auto [name, record] = load_by_arn(c, string_member(input, "ResourceArn", "resourceArn"));
  if (!input.contains("Tags"))
    constraint_error("tags", Json(), "not be null");
  auto current = tags_from(record["Tags"]);
  auto added = read_dynamodb_tags(input);
  for (const auto &[k, v] : added) {
    auto it = std::find_if(current.begin(), current.end(), [&](auto &t) { return t.first == k; });
    if (it != current.end())
      it->second = v;
    else
      current.emplace_back(k, v);
  }
  if (current.size() > 50)
    throw ServiceError("LimitExceededException",
                       "The request would exceed the limit of 50 tags per resource.");
  record["Tags"] = tag_list(current);
  save(c, name, record);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  auto [name, record] = load_by_arn(c, string_member(input, "ResourceArn", "resourceArn"));
  const Json *keys = list_member(input, "TagKeys", "tagKeys");
  if (!keys)
    constraint_error("tagKeys", Json(), "not be null");
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto &t : tags_from(record["Tags"]))
    if (std::find(keys->begin(), keys->end(), Json(t.first)) == keys->end())
      kept.push_back(t);
  record["Tags"] = tag_list(kept);
  save(c, name, record);
  return Json::object();
}

Json list_tags_of_resource(Context &c, const Json &input) {
  auto [name, record] = load_by_arn(c, string_member(input, "ResourceArn", "resourceArn"));
  return {{"Tags", record["Tags"]}};
}

} // namespace

const HandlerTable &dynamodb_handlers() {
  static const HandlerTable table = {
      {"CreateTable", create_table},
      {"DescribeTable", describe_table},
      {"UpdateTable", update_table},
      {"DeleteTable", delete_table},
      {"ListTables", list_tables},
      {"UpdateTimeToLive", update_time_to_live},
      {"DescribeTimeToLive", describe_time_to_live},
      {"UpdateContinuousBackups", update_continuous_backups},
      {"DescribeContinuousBackups", describe_continuous_backups},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsOfResource", list_tags_of_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
