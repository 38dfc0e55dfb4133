// What the region offers: instance types by location and Reserved Instance offerings (Amazon
// EC2 API Reference: DescribeInstanceTypeOfferings, DescribeReservedInstancesOfferings).
//
// The catalogue is the current general purpose, compute and memory optimized families (T2, T3,
// T3a, T4g, M5, M6i, M6g, M7g, C5, C6i, C6g, C7g, R5, R6i, R6g) in their common sizes, offered in
// every Availability Zone of the region. Reserved Instance offerings are every combination EC2
// sells for them: standard (zonal or regional) and convertible (regional) classes, one or three
// years, No/Partial/All Upfront, Linux/UNIX and Windows (also as their "(Amazon VPC)"
// descriptions), default and dedicated tenancy. Prices derive from each type's on-demand Linux
// price in US East (N. Virginia) with the usual Reserved Instance discounts: they are of the
// right magnitude, not a price list. Offering ids are stable: a hash of what the offering is.
#include "services/digest.h"
#include "services/embedded/ec2_common.h"

#include <fmt/format.h>

#include <cmath>

namespace cfnlocal::services::embedded::ec2 {
namespace {

struct Family {
  std::string_view name;
  double large_price; // on-demand Linux, USD per hour, of the family's "large" size
  bool burstable;     // T families come from nano to 2xlarge; the others from large to 4xlarge
};

constexpr Family kFamilies[] = {
    {"t2", 0.0928, true}, {"t3", 0.0832, true},  {"t3a", 0.0752, true},  {"t4g", 0.0672, true},
    {"m5", 0.096, false}, {"m6i", 0.096, false}, {"m6g", 0.077, false},  {"m7g", 0.0816, false},
    {"c5", 0.085, false}, {"c6i", 0.085, false}, {"c6g", 0.068, false},  {"c7g", 0.0725, false},
    {"r5", 0.126, false}, {"r6i", 0.126, false}, {"r6g", 0.1008, false},
};

struct InstanceType {
  std::string name;
  double price;       // on-demand Linux per hour
  double large_units; // size relative to "large" (Windows licences scale with it)
};

const std::vector<InstanceType> &instance_types() {
  static const std::vector<InstanceType> types = [] {
    std::vector<InstanceType> out;
    for (const auto &f : kFamilies) {
      std::vector<std::pair<std::string_view, double>> sizes =
          f.burstable ? std::vector<std::pair<std::string_view, double>>{{"nano", 1.0 / 16},
                                                                         {"micro", 1.0 / 8},
                                                                         {"small", 1.0 / 4},
                                                                         {"medium", 1.0 / 2},
                                                                         {"large", 1},
                                                                         {"xlarge", 2},
                                                                         {"2xlarge", 4}}
                      : std::vector<std::pair<std::string_view, double>>{
                            {"large", 1}, {"xlarge", 2}, {"2xlarge", 4}, {"4xlarge", 8}};
      for (const auto &[size, units] : sizes)
        out.push_back({fmt::format("{}.{}", f.name, size), f.large_price * units, units});
    }
    return out;
  }();
  return types;
}

// ---- pagination -----------------------------------------------------------------------------

size_t page_start(const Json &input) {
  auto token = optional_string(input, "NextToken");
  if (!token)
    return 0;
  auto decoded = base64_decode(*token);
  if (!decoded || decoded->empty() || decoded->find_first_not_of("0123456789") != std::string::npos)
    fail("InvalidNextToken", "The specified token is not valid.");
  return std::stoul(*decoded);
}

size_t page_size(const Json &input, int64_t low, int64_t high, int64_t fallback) {
  auto max = optional_int(input, "MaxResults");
  if (!max)
    return static_cast<size_t>(fallback);
  if (*max < low || *max > high)
    invalid_value("MaxResults", std::to_string(*max),
                  fmt::format("Value must be between {} and {}.", low, high));
  return static_cast<size_t>(*max);
}

// The items of one page, and the token of the next (absent on the last page).
void paginate(Json &out, const char *member, std::vector<Json> items, size_t start, size_t size) {
  Json page = Json::array();
  for (size_t i = start; i < items.size() && i < start + size; ++i)
    page.push_back(std::move(items[i]));
  out[member] = page;
  if (start + size < items.size())
    out["NextToken"] = base64_encode(std::to_string(start + size));
}

bool matches(const Json &filter_values, const std::string &have) {
  for (const auto &v : filter_values)
    if (v.is_string() && v.get<std::string>() == have)
      return true;
  return false;
}

// ---- DescribeInstanceTypeOfferings ----------------------------------------------------------

Json describe_instance_type_offerings(Context &c, const Json &input) {
  std::string location_type = optional_string(input, "LocationType").value_or("region");
  std::vector<std::string> locations;
  if (location_type == "region")
    locations.push_back(c.region);
  else if (location_type == "availability-zone")
    locations = availability_zones(c);
  else if (location_type == "availability-zone-id")
    for (const auto &z : availability_zones(c))
      locations.push_back(zone_id(c, z));
  else
    invalid_value("LocationType", location_type,
                  "Valid values: region | availability-zone | availability-zone-id | outpost.");
  Json filters = input.value("Filters", Json::array());
  for (const auto &f : filters) {
    std::string name = f.value("Name", "");
    if (name != "location" && name != "instance-type")
      fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", name));
  }
  std::vector<Json> items;
  for (const auto &type : instance_types())
    for (const auto &location : locations) {
      bool keep = true;
      for (const auto &f : filters) {
        std::string have = f.value("Name", "") == "location" ? location : type.name;
        keep = keep && matches(f.value("Values", Json::array()), have);
      }
      if (keep)
        items.push_back(
            {{"InstanceType", type.name}, {"LocationType", location_type}, {"Location", location}});
    }
  Json out = Json::object();
  paginate(out, "InstanceTypeOfferings", std::move(items), page_start(input),
           page_size(input, 5, 1000, 1000));
  return out;
}

// ---- DescribeReservedInstancesOfferings -----------------------------------------------------

struct Term {
  std::string_view offering_class;
  int years;
  std::string_view offering_type;
  double fraction; // effective hourly cost as a fraction of on-demand
  double upfront;  // the share of the term's cost paid up front
};

constexpr Term kTerms[] = {
    {"standard", 1, "No Upfront", 0.63, 0.0},
    {"standard", 1, "Partial Upfront", 0.60, 0.5},
    {"standard", 1, "All Upfront", 0.59, 1.0},
    {"standard", 3, "No Upfront", 0.45, 0.0},
    {"standard", 3, "Partial Upfront", 0.42, 0.5},
    {"standard", 3, "All Upfront", 0.40, 1.0},
    {"convertible", 1, "No Upfront", 0.73, 0.0},
    {"convertible", 1, "Partial Upfront", 0.70, 0.5},
    {"convertible", 1, "All Upfront", 0.69, 1.0},
    {"convertible", 3, "No Upfront", 0.55, 0.0},
    {"convertible", 3, "Partial Upfront", 0.52, 0.5},
    {"convertible", 3, "All Upfront", 0.50, 1.0},
};

constexpr std::string_view kProducts[] = {"Linux/UNIX", "Linux/UNIX (Amazon VPC)", "Windows",
                                          "Windows (Amazon VPC)"};
constexpr std::string_view kTenancies[] = {"default", "dedicated"};
constexpr int64_t kYear = 31536000; // seconds

double cents(double v) { return std::round(v * 10000.0) / 10000.0; }

// A UUID-shaped id from what the offering is.
std::string offering_id(const std::string &what) {
  std::string h = sha256_hex(what);
  return fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4),
                     h.substr(16, 4), h.substr(20, 12));
}

Json offering(const Context &c, const InstanceType &type, std::string_view product,
              std::string_view tenancy, const Term &term, const std::string &zone) {
  double hourly = type.price;
  if (product.starts_with("Windows"))
    hourly += 0.046 * type.large_units; // the Windows licence, per vCPU pair
  if (tenancy == "dedicated")
    hourly *= 1.1;
  double hours = 8760.0 * term.years;
  double effective = hourly * term.fraction;
  double fixed = cents(effective * hours * term.upfront);
  double recurring = cents(effective * (1.0 - term.upfront));
  std::string what = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", c.region, type.name, product, tenancy,
                                 term.offering_class, term.years, term.offering_type, zone);
  Json o = {{"CurrencyCode", "USD"},
            {"InstanceTenancy", tenancy},
            {"Marketplace", false},
            {"OfferingClass", term.offering_class},
            {"OfferingType", term.offering_type},
            {"PricingDetails", Json::array()},
            {"RecurringCharges", Json::array()},
            {"Scope", zone.empty() ? "Region" : "Availability Zone"},
            {"ReservedInstancesOfferingId", offering_id(what)},
            {"InstanceType", type.name},
            {"Duration", kYear * term.years},
            {"UsagePrice", 0.0},
            {"FixedPrice", fixed},
            {"ProductDescription", product}};
  if (term.upfront < 1.0)
    o["RecurringCharges"].push_back({{"Amount", recurring}, {"Frequency", "Hourly"}});
  if (!zone.empty()) {
    o["AvailabilityZone"] = zone;
    o["AvailabilityZoneId"] = zone_id(c, zone);
  }
  return o;
}

std::optional<std::string> offering_filter_value(const Json &o, std::string_view name) {
  auto number = [](const Json &v) {
    double d = v.get<double>();
    return d == std::floor(d) ? fmt::format("{}", static_cast<int64_t>(d)) : fmt::format("{}", d);
  };
  if (name == "availability-zone")
    return o.value("AvailabilityZone", "");
  if (name == "availability-zone-id")
    return o.value("AvailabilityZoneId", "");
  if (name == "duration")
    return number(o["Duration"]);
  if (name == "fixed-price")
    return number(o["FixedPrice"]);
  if (name == "usage-price")
    return number(o["UsagePrice"]);
  if (name == "instance-type")
    return o.value("InstanceType", "");
  if (name == "marketplace")
    return o.value("Marketplace", false) ? "true" : "false";
  if (name == "product-description")
    return o.value("ProductDescription", "");
  if (name == "reserved-instances-offering-id")
    return o.value("ReservedInstancesOfferingId", "");
  if (name == "scope")
    return o.value("Scope", "");
  return std::nullopt;
}

Json describe_reserved_instances_offerings(Context &c, const Json &input) {
  auto wanted_type = optional_string(input, "InstanceType");
  auto wanted_zone = optional_string(input, "AvailabilityZone");
  auto wanted_zone_id = optional_string(input, "AvailabilityZoneId");
  auto wanted_product = optional_string(input, "ProductDescription");
  auto wanted_class = optional_string(input, "OfferingClass");
  auto wanted_offering_type = optional_string(input, "OfferingType");
  auto wanted_tenancy = optional_string(input, "InstanceTenancy");
  auto min_duration = optional_int(input, "MinDuration");
  auto max_duration = optional_int(input, "MaxDuration");
  auto ids = strings(input, "ReservedInstancesOfferingIds");
  std::vector<std::string> zones = availability_zones(c);
  if (wanted_zone && std::find(zones.begin(), zones.end(), *wanted_zone) == zones.end())
    invalid_value("availabilityZone", *wanted_zone,
                  fmt::format("The Availability Zone is not in region {}.", c.region));
  if (wanted_class && *wanted_class != "standard" && *wanted_class != "convertible")
    invalid_value("offeringClass", *wanted_class);
  if (wanted_tenancy && *wanted_tenancy != "default" && *wanted_tenancy != "dedicated" &&
      *wanted_tenancy != "host")
    invalid_value("instanceTenancy", *wanted_tenancy);
  Json filters = input.value("Filters", Json::array());
  Json probe = offering(c, instance_types().front(), kProducts[0], kTenancies[0], kTerms[0], "");
  for (const auto &f : filters)
    if (!offering_filter_value(probe, f.value("Name", "")))
      fail("InvalidParameterValue", fmt::format("The filter '{}' is invalid", f.value("Name", "")));
  std::vector<std::string> scopes = zones;
  scopes.push_back(""); // the region
  std::vector<Json> items;
  for (const auto &type : instance_types()) {
    if (wanted_type && type.name != *wanted_type)
      continue;
    for (auto tenancy : kTenancies) {
      if (wanted_tenancy && tenancy != *wanted_tenancy)
        continue;
      for (auto product : kProducts) {
        if (wanted_product && product != *wanted_product)
          continue;
        for (const auto &term : kTerms) {
          int64_t duration = kYear * term.years;
          if ((wanted_class && term.offering_class != *wanted_class) ||
              (wanted_offering_type && term.offering_type != *wanted_offering_type) ||
              (min_duration && duration < *min_duration) ||
              (max_duration && duration > *max_duration))
            continue;
          for (const auto &zone : scopes) {
            // Convertible Reserved Instances are regional only.
            if (term.offering_class == "convertible" && !zone.empty())
              continue;
            if ((wanted_zone || wanted_zone_id) && zone.empty())
              continue;
            if (wanted_zone && zone != *wanted_zone)
              continue;
            if (wanted_zone_id && !zone.empty() && zone_id(c, zone) != *wanted_zone_id)
              continue;
            Json o = offering(c, type, product, tenancy, term, zone);
            if (!ids.empty() && std::find(ids.begin(), ids.end(),
                                          o.value("ReservedInstancesOfferingId", "")) == ids.end())
              continue;
            bool keep = true;
            for (const auto &f : filters)
              keep = keep && matches(f.value("Values", Json::array()),
                                     *offering_filter_value(o, f.value("Name", "")));
            if (keep)
              items.push_back(std::move(o));
          }
        }
      }
    }
  }
  Json out = Json::object();
  paginate(out, "ReservedInstancesOfferings", std::move(items), page_start(input),
           page_size(input, 1, 100, 100));
  return out;
}

} // namespace

const HandlerTable &offering_handlers() {
  static const HandlerTable table = {
      {"DescribeInstanceTypeOfferings", describe_instance_type_offerings},
      {"DescribeReservedInstancesOfferings", describe_reserved_instances_offerings},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
