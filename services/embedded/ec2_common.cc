#include "services/embedded/ec2_common.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <map>
#include <random>

namespace cfnlocal::services::embedded::ec2 {
namespace {

std::string key_of(const Context &c, std::string_view id) {
  return c.region + ":" + std::string(id);
}

struct KindFacts {
  std::string_view kind;
  std::string_view id_member;
  std::string_view code;  // the not-found error code
  std::string_view label; // as the message names the resource
};

constexpr KindFacts kKinds[] = {
    {"vpc", "VpcId", "InvalidVpcID.NotFound", "vpc ID"},
    {"subnet", "SubnetId", "InvalidSubnetID.NotFound", "subnet ID"},
    {"security-group", "GroupId", "InvalidGroup.NotFound", "security group"},
    {"internet-gateway", "InternetGatewayId", "InvalidInternetGatewayID.NotFound",
     "internetGateway ID"},
    {"route-table", "RouteTableId", "InvalidRouteTableID.NotFound", "routeTable ID"},
    {"network-acl", "NetworkAclId", "InvalidNetworkAclID.NotFound", "networkAcl ID"},
    {"address", "AllocationId", "InvalidAllocationID.NotFound", "allocation ID"},
    {"nat-gateway", "NatGatewayId", "NatGatewayNotFound", "natGateway ID"},
    {"vpc-endpoint", "VpcEndpointId", "InvalidVpcEndpointId.NotFound", "Vpc Endpoint Id"},
    {"vpc-endpoint-service", "ServiceId", "InvalidVpcEndpointServiceId.NotFound",
     "VpcEndpointService Id"},
    {"vpc-peering-connection", "VpcPeeringConnectionId", "InvalidVpcPeeringConnectionID.NotFound",
     "vpcPeeringConnection ID"},
    {"key-pair", "KeyPairId", "InvalidKeyPair.NotFound", "key pair"},
};

const KindFacts &facts(std::string_view kind) {
  for (const auto &k : kKinds)
    if (k.kind == kind)
      return k;
  throw std::logic_error("unknown ec2 record kind");
}

bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty())
    return text.empty();
  if (pattern[0] == '*')
    return glob_match(pattern.substr(1), text) ||
           (!text.empty() && glob_match(pattern, text.substr(1)));
  if (text.empty())
    return false;
  if (pattern[0] == '?' || pattern[0] == text[0])
    return glob_match(pattern.substr(1), text.substr(1));
  return false;
}

} // namespace

std::string_view id_member(std::string_view kind) { return facts(kind).id_member; }

std::optional<Json> find(Context &c, std::string_view kind, std::string_view id) {
  return c.store.get_record(kService, kind, key_of(c, id));
}

void not_found(std::string_view kind, std::string_view id) {
  const KindFacts &f = facts(kind);
  if (kind == "security-group")
    fail(std::string(f.code), fmt::format("The security group '{}' does not exist", id));
  if (kind == "nat-gateway")
    fail(std::string(f.code), fmt::format("NAT gateway {} was not found", id));
  if (kind == "vpc-endpoint")
    fail(std::string(f.code), fmt::format("The Vpc Endpoint Id '{}' does not exist", id));
  fail(std::string(f.code), fmt::format("The {} '{}' does not exist", f.label, id));
}

Json load(Context &c, std::string_view kind, std::string_view id) {
  if (auto r = find(c, kind, id))
    return *r;
  not_found(kind, id);
}

void save(Context &c, std::string_view kind, std::string_view id, const Json &record) {
  c.store.put_record(kService, kind, key_of(c, id), record);
}

void erase(Context &c, std::string_view kind, std::string_view id) {
  c.store.delete_record(kService, kind, key_of(c, id));
}

std::vector<Json> all(Context &c, std::string_view kind) {
  std::vector<Json> out;
  for (auto &[key, value] : c.store.list_records(kService, kind, c.region + ":"))
    out.push_back(std::move(value));
  return out;
}

Json shown(const Json &record) {
  Json out = Json::object();
  for (const auto &[k, v] : record.items())
    if (!k.starts_with("_"))
      out[k] = v;
  return out;
}

void fail(std::string code, std::string message) {
  throw ServiceError(std::move(code), std::move(message), 400);
}

void invalid_value(std::string_view parameter, std::string_view value, std::string_view why) {
  fail("InvalidParameterValue", fmt::format("Value ({}) for parameter {} is invalid.{}{}", value,
                                            parameter, why.empty() ? "" : " ", why));
}

std::string new_id(std::string_view prefix) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{}-0{:016x}", prefix, rng());
}

std::vector<std::string> availability_zones(const Context &c) {
  // The zones the engine's Fn::GetAZs answers with, so templates agree with the service.
  std::string_view letters = c.region == "us-east-1"   ? "abcdef"
                             : c.region == "us-west-2" ? "abcd"
                                                       : "abc";
  std::vector<std::string> zones;
  for (char l : letters)
    zones.push_back(c.region + l);
  return zones;
}

std::string zone_id(const Context &c, std::string_view zone) {
  // "us-east-1a" -> "use1-az1", "ap-southeast-2b" -> "apse2-az2": AWS's AZ ids keep the
  // region's first part and number, shorten a direction to its initials and any other word
  // (central, gov) to its first letter, and end with the zone's position.
  std::string prefix;
  std::string_view region = c.region;
  for (int part = 0; !region.empty(); ++part) {
    size_t dash = region.find('-');
    std::string_view word = region.substr(0, dash);
    region = dash == std::string_view::npos ? std::string_view() : region.substr(dash + 1);
    if (part == 0 || (!word.empty() && std::isdigit(static_cast<unsigned char>(word[0])))) {
      prefix += word;
      continue;
    }
    std::string initials;
    std::string_view rest = word;
    for (std::string_view direction : {"north", "south", "east", "west"})
      if (rest.starts_with(direction)) {
        initials += direction[0];
        rest.remove_prefix(direction.size());
      }
    prefix += rest.empty() && !initials.empty() ? initials : std::string(word.substr(0, 1));
  }
  int n = zone.empty() ? 1 : zone.back() - 'a' + 1;
  return fmt::format("{}-az{}", prefix, n);
}

std::string required(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty()))
    fail("MissingParameter",
         fmt::format("The request must contain the parameter {}", lower_camel(member)));
  if (!it->is_string())
    invalid_value(lower_camel(member), it->dump());
  return it->get<std::string>();
}

std::vector<std::string> strings(const Json &input, std::string_view member) {
  std::vector<std::string> out;
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return out;
  if (!it->is_array())
    invalid_value(lower_camel(member), it->dump());
  for (const auto &v : *it)
    out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

std::optional<bool> attribute_bool(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return std::nullopt;
  if (it->is_object())
    return optional_bool(*it, "Value", false);
  return optional_bool(input, member, false);
}

std::string ipv4_text(uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

std::string Cidr4::text() const { return fmt::format("{}/{}", ipv4_text(address), prefix); }

std::optional<Cidr4> parse_cidr4(std::string_view text, bool strict) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return std::nullopt;
  std::string ip(text.substr(0, slash));
  std::string bits(text.substr(slash + 1));
  in_addr addr{};
  if (inet_pton(AF_INET, ip.c_str(), &addr) != 1 || bits.empty() || bits.size() > 2 ||
      bits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  Cidr4 c{ntohl(addr.s_addr), std::stoi(bits)};
  if (c.prefix > 32)
    return std::nullopt;
  if (strict && c.address != c.first())
    return std::nullopt;
  c.address = c.first();
  return c;
}

std::optional<Cidr6> parse_cidr6(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return std::nullopt;
  std::string ip(text.substr(0, slash));
  std::string bits(text.substr(slash + 1));
  Cidr6 c;
  if (inet_pton(AF_INET6, ip.c_str(), c.address.data()) != 1 || bits.empty() || bits.size() > 3 ||
      bits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  c.prefix = std::stoi(bits);
  if (c.prefix > 128)
    return std::nullopt;
  return c;
}

namespace {
bool same_prefix(const std::array<uint8_t, 16> &a, const std::array<uint8_t, 16> &b, int bits) {
  for (int i = 0; i < bits; ++i) {
    int byte = i / 8, bit = 7 - i % 8;
    if (((a[byte] >> bit) & 1) != ((b[byte] >> bit) & 1))
      return false;
  }
  return true;
}
} // namespace

bool Cidr6::contains(const Cidr6 &inner) const {
  return inner.prefix >= prefix && same_prefix(address, inner.address, prefix);
}
bool Cidr6::overlaps(const Cidr6 &other) const {
  return same_prefix(address, other.address, std::min(prefix, other.prefix));
}
std::string Cidr6::text() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, address.data(), buf, sizeof buf);
  return fmt::format("{}/{}", buf, prefix);
}

Json tags_for(const Json &input, std::string_view resource_type) {
  Json tags = Json::array();
  auto specs = input.find("TagSpecifications");
  if (specs == input.end() || !specs->is_array())
    return tags;
  for (const auto &spec : *specs) {
    std::string type = spec.value("ResourceType", "");
    if (type != resource_type)
      fail("InvalidParameterValue",
           fmt::format("'{}' is not a valid taggable resource type for this operation.", type));
    put_tags(tags, spec.value("Tags", Json::array()));
  }
  Json holder = {{"Tags", Json::array()}};
  put_tags(holder, tags);
  return holder["Tags"];
}

void put_tags(Json &record, const Json &tags) {
  Json &list = record.is_array() ? record : record["Tags"];
  if (!list.is_array())
    list = Json::array();
  for (const auto &t : tags) {
    std::string key = t.value("Key", "");
    if (key.empty())
      fail("InvalidParameterValue", "Tag key must not be empty");
    if (key.starts_with("aws:"))
      fail("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
    if (utf8_length(key) > 128)
      fail("InvalidParameterValue",
           fmt::format("Tag key exceeds the maximum length of 128 characters: {}", key));
    Json value = t.contains("Value") && t["Value"].is_string() ? t["Value"] : Json("");
    if (utf8_length(value.get<std::string>()) > 256)
      fail("InvalidParameterValue",
           fmt::format("Tag value exceeds the maximum length of 256 characters: {}", key));
    bool replaced = false;
    for (auto &existing : list)
      if (existing.value("Key", "") == key) {
        existing["Value"] = value;
        replaced = true;
      }
    if (!replaced)
      list.push_back({{"Key", key}, {"Value", value}});
  }
  if (list.size() > 50)
    fail("TagLimitExceeded",
         "The maximum number of Tags for a resource has been reached. Max tag is 50.");
}

std::optional<std::vector<std::string>> common_filter(const Json &record, std::string_view name) {
  std::vector<std::string> out;
  if (name.starts_with("tag:")) {
    std::string key(name.substr(4));
    for (const auto &t : record.value("Tags", Json::array()))
      if (t.value("Key", "") == key)
        out.push_back(t.value("Value", ""));
    return out;
  }
  if (name == "tag-key") {
    for (const auto &t : record.value("Tags", Json::array()))
      out.push_back(t.value("Key", ""));
    return out;
  }
  if (name == "tag-value") {
    for (const auto &t : record.value("Tags", Json::array()))
      out.push_back(t.value("Value", ""));
    return out;
  }
  if (name == "owner-id") {
    out.push_back(record.value("OwnerId", ""));
    return out;
  }
  return std::nullopt;
}

std::vector<Json> describe(Context &c, std::string_view kind, const Json &input,
                           std::string_view ids_member, FilterValues values) {
  std::vector<Json> candidates;
  std::vector<std::string> ids =
      ids_member.empty() ? std::vector<std::string>{} : strings(input, ids_member);
  if (!ids.empty()) {
    for (const auto &id : ids)
      candidates.push_back(load(c, kind, id));
  } else {
    candidates = all(c, kind);
  }
  auto filters = input.find("Filters");
  std::vector<Json> out;
  for (auto &record : candidates) {
    bool keep = true;
    if (filters != input.end() && filters->is_array())
      for (const auto &f : *filters) {
        std::string name = f.value("Name", "");
        auto have = common_filter(record, name);
        if (!have)
          have = values(record, name);
        if (!have)
          fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", name));
        bool any = false;
        for (const auto &wanted : f.value("Values", Json::array()))
          for (const auto &v : *have)
            if (wanted.is_string() && glob_match(wanted.get<std::string>(), v))
              any = true;
        keep = keep && any;
      }
    if (keep)
      out.push_back(std::move(record));
  }
  return out;
}

} // namespace cfnlocal::services::embedded::ec2
