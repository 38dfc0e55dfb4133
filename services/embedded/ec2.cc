// The embedded Amazon EC2 networking control plane (botocore ec2/2016-11-15, ec2 protocol): the
// operations of ec2_vpcs.cc, ec2_security_groups.cc, ec2_routing.cc, ec2_gateways.cc,
// ec2_endpoint_services.cc, ec2_peering.cc, ec2_key_pairs.cc and ec2_offerings.cc, and
// the tag operations every resource shares (CreateTags, DeleteTags, DescribeTags). Every
// operation first makes sure the region's default VPC exists, as it does in every account.
#include "services/embedded/ec2_common.h"

#include <fmt/format.h>

#include <array>
#include <utility>
#include <vector>

namespace cfnlocal::services::embedded {
namespace ec2 {
namespace {

// The record kind of a resource id, by its prefix.
std::string_view kind_of_id(std::string_view id) {
  constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"vpc-", "vpc"},
      {"subnet-", "subnet"},
      {"sg-", "security-group"},
      {"igw-", "internet-gateway"},
      {"rtb-", "route-table"},
      {"acl-", "network-acl"},
      {"eipalloc-", "address"},
      {"nat-", "nat-gateway"},
      {"vpce-svc-", "vpc-endpoint-service"},
      {"vpce-", "vpc-endpoint"},
      {"pcx-", "vpc-peering-connection"},
      {"key-", "key-pair"},
  };
  for (const auto &[prefix, kind] : kPrefixes)
    if (id.starts_with(prefix))
      return kind;
  return "";
}

std::string_view resource_type_of(std::string_view kind) {
  if (kind == "address")
    return "elastic-ip";
  if (kind == "nat-gateway")
    return "natgateway";
  return kind;
}

Json load_by_id(Context &c, const std::string &id) {
  std::string_view kind = kind_of_id(id);
  if (kind.empty())
    fail("InvalidID", fmt::format("The ID '{}' is not valid", id));
  return load(c, kind, id);
}

Json create_tags(Context &c, const Json &input) {
  auto ids = strings(input, "Resources");
  if (ids.empty())
    fail("MissingParameter", "The request must contain the parameter resourceIdSet");
  Json tags = input.value("Tags", Json::array());
  for (const auto &id : ids) {
    Json record = load_by_id(c, id);
    put_tags(record, tags);
    save(c, kind_of_id(id), id, record);
  }
  return Json::object();
}

Json delete_tags(Context &c, const Json &input) {
  auto ids = strings(input, "Resources");
  if (ids.empty())
    fail("MissingParameter", "The request must contain the parameter resourceIdSet");
  Json tags = input.value("Tags", Json());
  for (const auto &id : ids) {
    Json record = load_by_id(c, id);
    Json kept = Json::array();
    for (const auto &t : record.value("Tags", Json::array())) {
      bool drop = tags.is_null() || tags.empty();
      if (tags.is_array())
        for (const auto &d : tags)
          if (d.value("Key", "") == t.value("Key", "") &&
              (!d.contains("Value") || d["Value"].is_null() || d["Value"] == t["Value"]))
            drop = true;
      if (!drop)
        kept.push_back(t);
    }
    record["Tags"] = kept;
    save(c, kind_of_id(id), id, record);
  }
  return Json::object();
}

Json describe_tags(Context &c, const Json &input) {
  std::vector<std::string> ids, types, keys;
  for (const auto &f : input.value("Filters", Json::array())) {
    std::string name = f.value("Name", "");
    std::vector<std::string> *into = name == "resource-id"     ? &ids
                                     : name == "resource-type" ? &types
                                     : name == "key"           ? &keys
                                                               : nullptr;
    if (!into)
      fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", name));
    for (const auto &v : f.value("Values", Json::array()))
      into->push_back(v.get<std::string>());
  }
  auto wanted = [](const std::vector<std::string> &list, const std::string &v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  Json out = Json::array();
  for (std::string_view kind :
       {"vpc", "subnet", "security-group", "internet-gateway", "route-table", "network-acl",
        "address", "nat-gateway", "vpc-endpoint", "vpc-endpoint-service", "vpc-peering-connection",
        "key-pair"}) {
    std::string type(resource_type_of(kind));
    if (!wanted(types, type))
      continue;
    for (const auto &r : all(c, kind)) {
      std::string id = r.value(std::string(id_member(kind)), "");
      if (!wanted(ids, id))
        continue;
      for (const auto &t : r.value("Tags", Json::array()))
        if (wanted(keys, t.value("Key", "")))
          out.push_back({{"ResourceId", id},
                         {"ResourceType", type},
                         {"Key", t["Key"]},
                         {"Value", t["Value"]}});
    }
  }
  return {{"Tags", out}};
}

const HandlerTable &tag_handlers() {
  static const HandlerTable table = {
      {"CreateTags", create_tags},
      {"DeleteTags", delete_tags},
      {"DescribeTags", describe_tags},
  };
  return table;
}

// Every operation's handler, in a fixed order, and its wrapper that seeds the default VPC
// first (handlers are plain function pointers: one instantiated wrapper per slot).
struct Operations {
  std::vector<std::string> names;
  std::vector<Handler> handlers;
};

const Operations &operations() {
  static const Operations ops = [] {
    Operations o;
    for (const HandlerTable *t :
         {&vpc_handlers(), &security_group_handlers(), &routing_handlers(), &gateway_handlers(),
          &endpoint_service_handlers(), &peering_handlers(), &key_pair_handlers(),
          &offering_handlers(), &tag_handlers()})
      for (const auto &[name, handler] : *t) {
        o.names.push_back(name);
        o.handlers.push_back(handler);
      }
    return o;
  }();
  return ops;
}

constexpr size_t kMaxOperations = 128;

template <size_t I> Json seeded(Context &c, const Json &input) {
  ensure_default_vpc(c);
  return operations().handlers[I](c, input);
}

template <size_t... I>
constexpr std::array<Handler, sizeof...(I)> wrappers(std::index_sequence<I...>) {
  return {&seeded<I>...};
}

} // namespace
} // namespace ec2

const HandlerTable &ec2_handlers() {
  static const HandlerTable table = [] {
    static constexpr auto slots = ec2::wrappers(std::make_index_sequence<ec2::kMaxOperations>{});
    const auto &ops = ec2::operations();
    if (ops.names.size() > slots.size())
      throw std::logic_error("ec2: more operations than wrapper slots");
    HandlerTable t;
    for (size_t i = 0; i < ops.names.size(); ++i)
      t.emplace(ops.names[i], slots[i]);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
