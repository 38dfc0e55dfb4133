// The embedded Amazon CloudWatch (Amazon CloudWatch API Reference: PutMetricData, ListMetrics,
// GetMetricStatistics, GetMetricData, PutMetricAlarm, PutCompositeAlarm, DescribeAlarms,
// DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState, EnableAlarmActions, DisableAlarmActions,
// TagResource, UntagResource, ListTagsForResource; botocore cloudwatch/2010-08-01, which boto3
// speaks as JSON 1.0 with awsQueryCompatible error codes). Records: kind "metric" key
// "REGION/HASH" {Namespace, MetricName, Dimensions}; kind "datapoint" key
// "REGION/HASH/MS(20 digits)/RANDOM" {t, n, sum, min, max, values?, unit?}; kind "alarm" key
// "REGION:NAME" {the alarm as DescribeAlarms lists it, plus Type and Tags}.
//
// Enforced as CloudWatch does: namespaces (1-255, no "AWS/" prefix, no leading ':'), metric
// names (1-255), at most 30 dimensions (names 1-255, values 1-1024, no duplicates), 1-1000
// datum per call, values finite and within CloudWatch's range, Value and StatisticValues and
// Values mutually exclusive, units, storage resolutions (1 or 60), timestamps no older than two
// weeks nor more than two hours ahead; statistics periods (1, 5, 10, 30 or a multiple of 60),
// 1,440 datapoints per request; alarm periods (10, 30 or multiples of 60), evaluation windows of
// at most a day, DatapointsToAlarm <= EvaluationPeriods, comparison operators, missing-data
// treatments, five actions per state, alarms that must exist, 50 tags.
#include "services/embedded/context.h"
#include "services/endpoint/wire_format.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <re2/re2.h>
#include <set>

namespace cfnlocal::services::embedded {
namespace cloudwatch {
namespace {

constexpr std::string_view kService = "cloudwatch";

const std::set<std::string> &units() {
  static const std::set<std::string> set = {"Seconds",
                                            "Microseconds",
                                            "Milliseconds",
                                            "Bytes",
                                            "Kilobytes",
                                            "Megabytes",
                                            "Gigabytes",
                                            "Terabytes",
                                            "Bits",
                                            "Kilobits",
                                            "Megabits",
                                            "Gigabits",
                                            "Terabits",
                                            "Percent",
                                            "Count",
                                            "Bytes/Second",
                                            "Kilobytes/Second",
                                            "Megabytes/Second",
                                            "Gigabytes/Second",
                                            "Terabytes/Second",
                                            "Bits/Second",
                                            "Kilobits/Second",
                                            "Megabits/Second",
                                            "Gigabits/Second",
                                            "Terabits/Second",
                                            "Count/Second",
                                            "None"};
  return set;
}

[[noreturn]] void invalid_value(std::string message) {
  throw ServiceError("InvalidParameterValue", std::move(message));
}
[[noreturn]] void invalid_combination(std::string message) {
  throw ServiceError("InvalidParameterCombination", std::move(message));
}
[[noreturn]] void missing(std::string_view parameter) {
  throw ServiceError("MissingParameter", fmt::format("The parameter {} is required.", parameter));
}
// CloudWatch's query-protocol validation code with AWS's "1 validation error detected" wording.
[[noreturn]] void validation(std::string_view member, const Json &value, std::string_view rule) {
  try {
    constraint_error(member, value, rule);
  } catch (const ServiceError &e) {
    throw ServiceError("ValidationError", e.message());
  }
}

std::string text_member(const Json &input, std::string_view member, size_t min, size_t max,
                        std::string_view path) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    missing(path);
  if (!it->is_string())
    validation(path, *it, "be a string");
  std::string value = it->get<std::string>();
  size_t n = utf8_length(value);
  if (n < min)
    validation(path, value, fmt::format("have length greater than or equal to {}", min));
  if (n > max)
    validation(path, value, fmt::format("have length less than or equal to {}", max));
  return value;
}

std::optional<double> number_of(const Json &v) {
  if (v.is_number())
    return v.get<double>();
  if (v.is_string()) {
    try {
      size_t used = 0;
      double d = std::stod(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size())
        return d;
    } catch (const std::exception &) {
    }
  }
  return std::nullopt;
}

std::optional<int64_t> time_ms(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return std::nullopt;
  if (it->is_number())
    return static_cast<int64_t>(std::llround(it->get<double>() * 1000.0));
  if (it->is_string())
    if (auto ms = endpoint::parse_timestamp(it->get<std::string>()))
      return *ms;
  invalid_value(fmt::format("The parameter {} must be a timestamp.", member));
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---- metrics ----------------------------------------------------------------------------------

// A namespace; `publishing` (PutMetricData) refuses AWS's own "AWS/" namespaces, which alarms
// and queries read.
std::string checked_namespace(const Json &input, bool publishing,
                              std::string_view path = "Namespace") {
  std::string ns = text_member(input, "Namespace", 1, 255, path);
  if (publishing && ns.starts_with("AWS/"))
    invalid_value(fmt::format("The value {} for parameter {} is invalid.", ns, path));
  if (ns.front() == ':')
    validation(path, ns, "satisfy regular expression pattern: [^:].*");
  return ns;
}

// Dimensions sorted by name; AWS errors for too many, duplicates and lengths.
Json checked_dimensions(const Json &input, const std::string &path) {
  auto it = input.find("Dimensions");
  if (it == input.end() || it->is_null())
    return Json::array();
  if (!it->is_array())
    validation(path, *it, "be a list");
  if (it->size() > 30)
    invalid_value(fmt::format("The collection {} must not have a size greater than 30.", path));
  std::map<std::string, std::string> sorted;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json &d = (*it)[i];
    std::string at = fmt::format("{}.member.{}", path, i + 1);
    std::string name = text_member(d, "Name", 1, 255, at + ".Name");
    std::string value = text_member(d, "Value", 1, 1024, at + ".Value");
    if (!sorted.emplace(name, value).second)
      invalid_value(fmt::format("No metric may have duplicate dimension names: {}", name));
  }
  Json out = Json::array();
  for (const auto &[n, v] : sorted)
    out.push_back({{"Name", n}, {"Value", v}});
  return out;
}

std::string metric_hash(const std::string &ns, const std::string &name, const Json &dims) {
  return sha256_hex(Json::array({ns, name, dims}).dump()).substr(0, 32);
}

std::string metric_prefix(const Context &c, const std::string &hash) {
  return c.region + "/" + hash;
}

void check_value(double v, const std::string &path) {
  // CloudWatch rejects values that are not finite or too large (magnitude above 2^360) or too
  // small (below 2^-260, zero aside).
  double magnitude = std::fabs(v);
  if (!std::isfinite(v) || magnitude > std::ldexp(1.0, 360) ||
      (magnitude != 0 && magnitude < std::ldexp(1.0, -260)))
    invalid_value(fmt::format("The value {} for parameter {} is invalid.", v, path));
}

double required_number(const Json &object, std::string_view member, const std::string &path) {
  auto it = object.find(member);
  if (it == object.end() || it->is_null())
    missing(path);
  auto v = number_of(*it);
  if (!v)
    invalid_value(fmt::format("The value {} for parameter {} is invalid.", it->dump(), path));
  check_value(*v, path);
  return *v;
}

Json put_metric_data(Context &c, const Json &input) {
  std::string ns = checked_namespace(input, true);
  auto list = input.find("MetricData");
  if (list == input.end() || list->is_null())
    missing("MetricData");
  if (!list->is_array() || list->empty())
    validation("MetricData", *list, "have length greater than or equal to 1");
  if (list->size() > 1000)
    invalid_value("The collection MetricData must not have a size greater than 1000.");
  int64_t now = now_ms();
  struct Pending {
    std::string hash;
    Json metric, point;
  };
  std::vector<Pending> pending;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json &d = (*list)[i];
    std::string path = fmt::format("MetricData.member.{}", i + 1);
    std::string name = text_member(d, "MetricName", 1, 255, path + ".MetricName");
    Json dims = checked_dimensions(d, path + ".Dimensions");
    int64_t ts = time_ms(d, "Timestamp").value_or(now);
    if (ts < now - 14LL * 24 * 3600 * 1000)
      invalid_value(fmt::format("The parameter {}.Timestamp must specify a time no more than two "
                                "weeks in the past.",
                                path));
    if (ts > now + 2LL * 3600 * 1000)
      invalid_value(fmt::format("The parameter {}.Timestamp must specify a time no more than two "
                                "hours in the future.",
                                path));
    Json point = {{"t", ts}};
    if (auto unit = optional_string(d, "Unit")) {
      if (!units().count(*unit))
        invalid_value(fmt::format("The value {} for parameter {}.Unit is invalid.", *unit, path));
      point["unit"] = *unit;
    }
    if (auto res = optional_int(d, "StorageResolution"); res && *res != 1 && *res != 60)
      invalid_value(
          fmt::format("The value {} for parameter {}.StorageResolution is invalid.", *res, path));
    bool has_value = d.contains("Value") && !d["Value"].is_null();
    bool has_stats = d.contains("StatisticValues") && !d["StatisticValues"].is_null();
    bool has_values = d.contains("Values") && d["Values"].is_array() && !d["Values"].empty();
    if (int(has_value) + int(has_stats) + int(has_values) > 1)
      invalid_combination(fmt::format("The parameters {0}.Value, {0}.StatisticValues and "
                                      "{0}.Values are mutually exclusive and you have specified "
                                      "more than one.",
                                      path));
    if (has_value) {
      double v = required_number(d, "Value", path + ".Value");
      point.update({{"n", 1}, {"sum", v}, {"min", v}, {"max", v}, {"values", {v}}});
    } else if (has_stats) {
      const Json &s = d["StatisticValues"];
      std::string sp = path + ".StatisticValues";
      double n = required_number(s, "SampleCount", sp + ".SampleCount");
      double sum = required_number(s, "Sum", sp + ".Sum");
      double lo = required_number(s, "Minimum", sp + ".Minimum");
      double hi = required_number(s, "Maximum", sp + ".Maximum");
      if (n <= 0)
        invalid_value(fmt::format("The value {} for parameter {}.SampleCount is invalid.", n, sp));
      if (lo > hi)
        invalid_value(fmt::format("The parameter {0}.Minimum must not be greater than "
                                  "{0}.Maximum.",
                                  sp));
      point.update({{"n", n}, {"sum", sum}, {"min", lo}, {"max", hi}});
    } else if (has_values) {
      const Json &values = d["Values"];
      if (values.size() > 150)
        invalid_value(
            fmt::format("The collection {}.Values must not have a size greater than 150.", path));
      Json counts = d.value("Counts", Json::array());
      if (!counts.empty() && counts.size() != values.size())
        invalid_combination(fmt::format(
            "The parameters {0}.Values and {0}.Counts must be of the same size.", path));
      double n = 0, sum = 0, lo = INFINITY, hi = -INFINITY;
      Json expanded = Json::array();
      for (size_t k = 0; k < values.size(); ++k) {
        auto v = number_of(values[k]);
        if (!v)
          invalid_value(fmt::format("The value {} for parameter {}.Values.member.{} is invalid.",
                                    values[k].dump(), path, k + 1));
        check_value(*v, fmt::format("{}.Values.member.{}", path, k + 1));
        double count = counts.empty() ? 1 : number_of(counts[k]).value_or(1);
        n += count, sum += *v * count, lo = std::min(lo, *v), hi = std::max(hi, *v);
        for (int r = 0; r < static_cast<int>(std::min(count, 1000.0)); ++r)
          expanded.push_back(*v);
      }
      point.update({{"n", n}, {"sum", sum}, {"min", lo}, {"max", hi}, {"values", expanded}});
    } else {
      missing(path + ".Value");
    }
    std::string hash = metric_hash(ns, name, dims);
    pending.push_back(
        {hash, Json{{"Namespace", ns}, {"MetricName", name}, {"Dimensions", dims}}, point});
  }
  for (auto &p : pending) {
    std::string prefix = metric_prefix(c, p.hash);
    c.store.put_record(kService, "metric", prefix, p.metric);
    c.store.put_record(
        kService, "datapoint",
        fmt::format("{}/{:020d}/{}", prefix, p.point["t"].get<int64_t>(), random_alnum(8)),
        p.point);
  }
  return Json::object();
}

// Whether `metric` has every dimension of the filters [{Name, Value?}].
bool dimensions_match(const Json &metric, const Json &filters) {
  for (const auto &f : filters) {
    bool found = false;
    for (const auto &d : metric["Dimensions"])
      if (d["Name"] == f.value("Name", "") &&
          (!f.contains("Value") || f["Value"].is_null() || d["Value"] == f["Value"]))
        found = true;
    if (!found)
      return false;
  }
  return true;
}

Json list_metrics(Context &c, const Json &input) {
  auto ns = optional_string(input, "Namespace");
  auto name = optional_string(input, "MetricName");
  Json filters = input.value("Dimensions", Json::array());
  if (filters.size() > 10)
    invalid_value("The collection Dimensions must not have a size greater than 10.");
  for (size_t i = 0; i < filters.size(); ++i)
    text_member(filters[i], "Name", 1, 255, fmt::format("Dimensions.member.{}.Name", i + 1));
  std::optional<int64_t> since;
  if (auto recent = optional_string(input, "RecentlyActive")) {
    if (*recent != "PT3H")
      validation("RecentlyActive", *recent, "satisfy enum value set: [PT3H]");
    since = now_ms() - 3LL * 3600 * 1000;
  }
  size_t start = 0;
  if (auto token = optional_string(input, "NextToken")) {
    try {
      start = std::stoul(*token);
    } catch (const std::exception &) {
      invalid_value("The value for parameter NextToken is invalid.");
    }
  }
  std::vector<Json> found;
  for (const auto &[key, m] : c.store.list_records(kService, "metric", c.region + "/")) {
    if ((ns && m["Namespace"] != *ns) || (name && m["MetricName"] != *name) ||
        !dimensions_match(m, filters))
      continue;
    if (since) {
      bool active = false;
      for (const auto &[k, p] : c.store.list_records(kService, "datapoint", key + "/"))
        active = active || p["t"].get<int64_t>() >= *since;
      if (!active)
        continue;
    }
    found.push_back(m);
  }
  std::sort(found.begin(), found.end(), [](const Json &a, const Json &b) {
    return std::tie(a["Namespace"], a["MetricName"], a["Dimensions"]) <
           std::tie(b["Namespace"], b["MetricName"], b["Dimensions"]);
  });
  Json out = {{"Metrics", Json::array()}};
  for (size_t i = start; i < found.size() && i < start + 500; ++i)
    out["Metrics"].push_back(found[i]);
  if (start + 500 < found.size())
    out["NextToken"] = std::to_string(start + 500);
  return out;
}

struct Bucket {
  double n = 0, sum = 0, min = INFINITY, max = -INFINITY;
  std::vector<double> values;
  std::string unit;
};

// Datapoints of one metric between [start, end), aggregated per period (keyed by the period's
// start in ms). `unit` filters when given.
std::map<int64_t, Bucket> aggregate(Context &c, const std::string &hash, int64_t start, int64_t end,
                                    int64_t period_s, const std::optional<std::string> &unit) {
  std::map<int64_t, Bucket> out;
  std::string prefix = metric_prefix(c, hash) + "/";
  int64_t period = period_s * 1000;
  for (const auto &[key, p] :
       c.store.list_records(kService, "datapoint", prefix, 0,
                            fmt::format("{}{:020d}", prefix, std::max<int64_t>(start - 1, 0)))) {
    int64_t t = p["t"];
    if (t < start)
      continue;
    if (t >= end)
      break;
    std::string u = p.value("unit", "None");
    if (unit && *unit != u)
      continue;
    Bucket &b = out[start + (t - start) / period * period];
    b.n += p["n"].get<double>();
    b.sum += p["sum"].get<double>();
    b.min = std::min(b.min, p["min"].get<double>());
    b.max = std::max(b.max, p["max"].get<double>());
    for (const auto &v : p.value("values", Json::array()))
      b.values.push_back(v.get<double>());
    b.unit = u;
  }
  return out;
}

// A percentile statistic "p90" / "p99.9" over the bucket's values (nearest rank).
std::optional<double> percentile(Bucket &b, const std::string &stat) {
  if (stat.size() < 2 || stat[0] != 'p' || b.values.empty())
    return std::nullopt;
  double p = std::stod(stat.substr(1));
  std::sort(b.values.begin(), b.values.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(b.values.size())));
  return b.values[std::min(b.values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::optional<double> statistic(Bucket &b, const std::string &stat) {
  if (stat == "SampleCount")
    return b.n;
  if (stat == "Sum")
    return b.sum;
  if (stat == "Average")
    return b.n > 0 ? b.sum / b.n : 0.0;
  if (stat == "Minimum")
    return b.min;
  if (stat == "Maximum")
    return b.max;
  return percentile(b, stat);
}

bool is_percentile(const std::string &stat) {
  static const re2::RE2 pattern(R"(p(\d{1,2}(\.\d{0,10})?|100))");
  return re2::RE2::FullMatch(stat, pattern);
}

void check_period(int64_t period, std::string_view path) {
  if (period < 1)
    validation(path, period, "have value greater than or equal to 1");
  if (period != 1 && period != 5 && period != 10 && period != 30 && period % 60 != 0)
    invalid_value(fmt::format("The parameter {} must be 1, 5, 10, 30, or a multiple of 60.", path));
}

Json get_metric_statistics(Context &c, const Json &input) {
  std::string ns = text_member(input, "Namespace", 1, 255, "Namespace");
  std::string name = text_member(input, "MetricName", 1, 255, "MetricName");
  Json dims = checked_dimensions(input, "Dimensions");
  auto start = time_ms(input, "StartTime");
  auto end = time_ms(input, "EndTime");
  if (!start)
    missing("StartTime");
  if (!end)
    missing("EndTime");
  if (*start >= *end)
    invalid_value("The parameter StartTime must be less than the parameter EndTime.");
  auto period = optional_int(input, "Period");
  if (!period)
    missing("Period");
  check_period(*period, "Period");
  Json stats = input.value("Statistics", Json::array());
  Json extended = input.value("ExtendedStatistics", Json::array());
  if (stats.empty() && extended.empty())
    invalid_combination("Must specify either Statistics or ExtendedStatistics");
  static const std::set<std::string> known = {"SampleCount", "Average", "Sum", "Minimum",
                                              "Maximum"};
  for (size_t i = 0; i < stats.size(); ++i)
    if (!stats[i].is_string() || !known.count(stats[i].get<std::string>()))
      validation(fmt::format("statistics.{}.member", i + 1), stats[i],
                 "satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]");
  for (const auto &e : extended)
    if (!e.is_string() || !is_percentile(e.get<std::string>()))
      invalid_value(
          fmt::format("The value {} for parameter ExtendedStatistics is not supported.", e.dump()));
  int64_t points = (*end - *start + *period * 1000 - 1) / (*period * 1000);
  if (points > 1440)
    invalid_combination(fmt::format("You have requested up to {} datapoints, which exceeds the "
                                    "limit of 1,440. You may reduce the datapoints requested by "
                                    "increasing Period, or decreasing the time range.",
                                    points));
  auto unit = optional_string(input, "Unit");
  if (unit && !units().count(*unit))
    invalid_value(fmt::format("The value {} for parameter Unit is invalid.", *unit));
  Json out = {{"Label", name}, {"Datapoints", Json::array()}};
  for (auto &[t, b] : aggregate(c, metric_hash(ns, name, dims), *start, *end, *period, unit)) {
    Json d = {{"Timestamp", endpoint::iso8601_millis(t)}, {"Unit", b.unit}};
    for (const auto &s : stats)
      d[s.get<std::string>()] = *statistic(b, s.get<std::string>());
    if (!extended.empty()) {
      d["ExtendedStatistics"] = Json::object();
      for (const auto &e : extended)
        if (auto v = percentile(b, e.get<std::string>()))
          d["ExtendedStatistics"][e.get<std::string>()] = *v;
    }
    out["Datapoints"].push_back(d);
  }
  return out;
}

Json get_metric_data(Context &c, const Json &input) {
  auto queries = input.find("MetricDataQueries");
  if (queries == input.end() || queries->is_null())
    missing("MetricDataQueries");
  if (!queries->is_array() || queries->size() > 500)
    invalid_value("The collection MetricDataQueries must not have a size greater than 500.");
  auto start = time_ms(input, "StartTime");
  auto end = time_ms(input, "EndTime");
  if (!start)
    missing("StartTime");
  if (!end)
    missing("EndTime");
  if (*start >= *end)
    invalid_value("The parameter StartTime must be less than the parameter EndTime.");
  std::string scan = optional_string(input, "ScanBy").value_or("TimestampDescending");
  if (scan != "TimestampDescending" && scan != "TimestampAscending")
    validation("scanBy", scan, "satisfy enum value set: [TimestampDescending, TimestampAscending]");
  auto max_points = optional_int(input, "MaxDatapoints");
  static const re2::RE2 id_pattern("[a-z][a-zA-Z0-9_]*");
  std::set<std::string> ids;
  Json results = Json::array();
  for (size_t i = 0; i < queries->size(); ++i) {
    const Json &q = (*queries)[i];
    std::string path = fmt::format("MetricDataQueries.member.{}", i + 1);
    std::string id = text_member(q, "Id", 1, 255, path + ".Id");
    if (!re2::RE2::FullMatch(id, id_pattern))
      validation(path + ".Id", id, "satisfy regular expression pattern: ^[a-z][a-zA-Z0-9_]*$");
    if (!ids.insert(id).second)
      invalid_value(fmt::format("The value {} for parameter {}.Id is not unique.", id, path));
    bool has_stat = q.contains("MetricStat") && !q["MetricStat"].is_null();
    bool has_expr = q.contains("Expression") && !q["Expression"].is_null();
    if (has_stat == has_expr)
      invalid_combination(fmt::format(
          "Exactly one element of the {0}.MetricStat or {0}.Expression must be specified.", path));
    if (has_expr)
      invalid_value(
          fmt::format("The embedded CloudWatch does not evaluate metric math: {}.Expression "
                      "'{}' cannot be computed; query metrics with MetricStat.",
                      path, q["Expression"].dump()));
    const Json &ms = q["MetricStat"];
    const Json metric = ms.value("Metric", Json::object());
    std::string mpath = path + ".MetricStat.Metric";
    std::string ns = text_member(metric, "Namespace", 1, 255, mpath + ".Namespace");
    std::string name = text_member(metric, "MetricName", 1, 255, mpath + ".MetricName");
    Json dims = checked_dimensions(metric, mpath + ".Dimensions");
    auto period = optional_int(ms, "Period");
    if (!period)
      missing(path + ".MetricStat.Period");
    check_period(*period, path + ".MetricStat.Period");
    std::string stat = text_member(ms, "Stat", 1, 255, path + ".MetricStat.Stat");
    static const std::set<std::string> known = {"SampleCount", "Average", "Sum", "Minimum",
                                                "Maximum"};
    if (!known.count(stat) && !is_percentile(stat))
      invalid_value(fmt::format("The value {} for parameter {}.MetricStat.Stat is not supported.",
                                stat, path));
    if (!q.value("ReturnData", true))
      continue;
    Json r = {{"Id", id},
              {"Label", q.value("Label", name)},
              {"Timestamps", Json::array()},
              {"Values", Json::array()},
              {"StatusCode", "Complete"}};
    auto buckets = aggregate(c, metric_hash(ns, name, dims), *start, *end, *period,
                             optional_string(ms, "Unit"));
    std::vector<std::pair<int64_t, double>> series;
    for (auto &[t, b] : buckets)
      if (auto v = statistic(b, stat))
        series.emplace_back(t, *v);
    if (scan == "TimestampDescending")
      std::reverse(series.begin(), series.end());
    if (max_points && *max_points > 0 && series.size() > static_cast<size_t>(*max_points))
      series.resize(static_cast<size_t>(*max_points));
    for (const auto &[t, v] : series) {
      r["Timestamps"].push_back(endpoint::iso8601_millis(t));
      r["Values"].push_back(v);
    }
    results.push_back(r);
  }
  return Json{{"MetricDataResults", results}, {"Messages", Json::array()}};
}

// ---- alarms -----------------------------------------------------------------------------------

std::string alarm_key(const Context &c, const std::string &name) { return c.region + ":" + name; }

std::string alarm_arn(const Context &c, const std::string &name) {
  return fmt::format("arn:{}:cloudwatch:{}:{}:alarm:{}", c.partition, c.region, c.account, name);
}

Json checked_actions(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    return Json::array();
  if (!it->is_array())
    validation(member, *it, "be a list");
  if (it->size() > 5)
    invalid_value(fmt::format("The collection {} must not have a size greater than 5.", member));
  for (const auto &a : *it) {
    std::string arn = a.is_string() ? a.get<std::string>() : a.dump();
    if (arn.empty() || arn.size() > 1024 || !arn.starts_with("arn:"))
      invalid_value(fmt::format("Invalid arn syntax: {}", arn));
  }
  return *it;
}

std::string checked_alarm_name(const Json &input) {
  std::string name = text_member(input, "AlarmName", 1, 255, "AlarmName");
  return name;
}

Json read_tags_of(const Json &input) {
  Json out = Json::array();
  for (const auto &[k, v] : read_tags(input, "Tags", 50, "InvalidParameterValue")) {
    if (k.starts_with("aws:"))
      invalid_value("Tag keys beginning with 'aws:' are reserved for AWS use.");
    out.push_back({{"Key", k}, {"Value", v}});
  }
  return out;
}

std::optional<Json> load_alarm(Context &c, const std::string &name) {
  return c.store.get_record(kService, "alarm", alarm_key(c, name));
}

// Fields every alarm carries, new or updated: the existing state stays.
Json base_alarm(Context &c, const std::string &name, const std::optional<Json> &existing,
                const std::string &type) {
  std::string now = state::now_iso8601();
  Json alarm = {{"AlarmName", name},
                {"AlarmArn", alarm_arn(c, name)},
                {"Type", type},
                {"AlarmConfigurationUpdatedTimestamp", now},
                {"StateValue", "INSUFFICIENT_DATA"},
                {"StateReason", "Unchecked: Initial alarm creation"},
                {"StateUpdatedTimestamp", now},
                {"StateTransitionedTimestamp", now},
                {"Tags", Json::array()}};
  if (existing) {
    if ((*existing)["Type"] != type)
      invalid_value(fmt::format("The alarm {} exists and is a {}; it cannot be changed to a {}.",
                                name, (*existing)["Type"].get<std::string>(), type));
    for (const char *keep : {"StateValue", "StateReason", "StateReasonData",
                             "StateUpdatedTimestamp", "StateTransitionedTimestamp", "Tags"})
      if (existing->contains(keep))
        alarm[keep] = (*existing)[keep];
  }
  return alarm;
}

void set_common(Json &alarm, const Json &input) {
  if (auto d = optional_string(input, "AlarmDescription")) {
    if (utf8_length(*d) > 1024)
      validation("alarmDescription", *d, "have length less than or equal to 1024");
    alarm["AlarmDescription"] = *d;
  }
  alarm["ActionsEnabled"] = optional_bool(input, "ActionsEnabled", true);
  alarm["OKActions"] = checked_actions(input, "OKActions");
  alarm["AlarmActions"] = checked_actions(input, "AlarmActions");
  alarm["InsufficientDataActions"] = checked_actions(input, "InsufficientDataActions");
}

Json put_metric_alarm(Context &c, const Json &input) {
  std::string name = checked_alarm_name(input);
  auto existing = load_alarm(c, name);
  Json tags = read_tags_of(input);
  Json alarm = base_alarm(c, name, existing, "MetricAlarm");
  set_common(alarm, input);

  auto evaluation = optional_int(input, "EvaluationPeriods");
  if (!evaluation)
    missing("EvaluationPeriods");
  if (*evaluation < 1)
    validation("evaluationPeriods", *evaluation, "have value greater than or equal to 1");
  alarm["EvaluationPeriods"] = *evaluation;
  if (auto n = optional_int(input, "DatapointsToAlarm")) {
    if (*n < 1 || *n > *evaluation)
      invalid_value(fmt::format("DatapointsToAlarm ({}) must be between 1 and EvaluationPeriods "
                                "({}).",
                                *n, *evaluation));
    alarm["DatapointsToAlarm"] = *n;
  }
  std::string op = text_member(input, "ComparisonOperator", 1, 64, "ComparisonOperator");
  static const std::set<std::string> ops = {"GreaterThanOrEqualToThreshold",
                                            "GreaterThanThreshold",
                                            "LessThanThreshold",
                                            "LessThanOrEqualToThreshold",
                                            "LessThanLowerOrGreaterThanUpperThreshold",
                                            "LessThanLowerThreshold",
                                            "GreaterThanUpperThreshold"};
  if (!ops.count(op))
    validation("comparisonOperator", op,
               "satisfy enum value set: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, "
               "LessThanThreshold, LessThanOrEqualToThreshold, "
               "LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, "
               "GreaterThanUpperThreshold]");
  alarm["ComparisonOperator"] = op;
  bool band = op.find("Upper") != std::string::npos || op.find("Lower") != std::string::npos;
  if (band) {
    alarm["ThresholdMetricId"] =
        text_member(input, "ThresholdMetricId", 1, 255, "ThresholdMetricId");
  } else {
    if (!input.contains("Threshold") || input["Threshold"].is_null())
      invalid_value("Comparison operators other than the anomaly detection band operators "
                    "require a Threshold.");
    alarm["Threshold"] = required_number(input, "Threshold", "Threshold");
  }
  std::string missing_data = optional_string(input, "TreatMissingData").value_or("missing");
  if (missing_data != "missing" && missing_data != "ignore" && missing_data != "breaching" &&
      missing_data != "notBreaching")
    invalid_value(fmt::format("The value {} for parameter TreatMissingData is invalid. Valid "
                              "values are breaching, notBreaching, ignore and missing.",
                              missing_data));
  alarm["TreatMissingData"] = missing_data;
  if (auto p = optional_string(input, "EvaluateLowSampleCountPercentile")) {
    if (*p != "evaluate" && *p != "ignore")
      invalid_value(fmt::format("The value {} for parameter EvaluateLowSampleCountPercentile is "
                                "invalid. Valid values are evaluate and ignore.",
                                *p));
    alarm["EvaluateLowSampleCountPercentile"] = *p;
  }

  bool has_metrics = input.contains("Metrics") && input["Metrics"].is_array();
  bool has_metric = input.contains("MetricName") || input.contains("Namespace");
  if (has_metrics && has_metric)
    invalid_combination("The parameters MetricName and Metrics are mutually exclusive and you "
                        "have specified both.");
  int64_t period = 0;
  if (has_metrics) {
    const Json &metrics = input["Metrics"];
    if (metrics.empty() || metrics.size() > 10)
      invalid_value("The collection Metrics must have between 1 and 10 members.");
    int returned = 0;
    for (size_t i = 0; i < metrics.size(); ++i) {
      const Json &q = metrics[i];
      std::string path = fmt::format("Metrics.member.{}", i + 1);
      text_member(q, "Id", 1, 255, path + ".Id");
      bool stat = q.contains("MetricStat"), expr = q.contains("Expression");
      if (stat == expr)
        invalid_combination(fmt::format(
            "Exactly one element of the {0}.MetricStat or {0}.Expression must be specified.",
            path));
      if (stat) {
        const Json &ms = q["MetricStat"];
        text_member(ms.value("Metric", Json::object()), "MetricName", 1, 255,
                    path + ".MetricStat.Metric.MetricName");
        auto p = optional_int(ms, "Period");
        if (!p)
          missing(path + ".MetricStat.Period");
        check_period(*p, path + ".MetricStat.Period");
        period = std::max(period, *p);
      }
      if (q.value("ReturnData", true))
        ++returned;
    }
    if (returned != 1 && !band)
      invalid_value("Exactly one element of the metrics list should return data.");
    alarm["Metrics"] = metrics;
  } else {
    alarm["MetricName"] = text_member(input, "MetricName", 1, 255, "MetricName");
    alarm["Namespace"] = checked_namespace(input, false);
    alarm["Dimensions"] = checked_dimensions(input, "Dimensions");
    bool stat = input.contains("Statistic"), extended = input.contains("ExtendedStatistic");
    if (stat == extended)
      invalid_combination("Exactly one of the parameters Statistic or ExtendedStatistic must be "
                          "specified.");
    if (stat) {
      std::string s = text_member(input, "Statistic", 1, 64, "Statistic");
      static const std::set<std::string> known = {"SampleCount", "Average", "Sum", "Minimum",
                                                  "Maximum"};
      if (!known.count(s))
        validation("statistic", s,
                   "satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]");
      alarm["Statistic"] = s;
    } else {
      std::string e = text_member(input, "ExtendedStatistic", 1, 64, "ExtendedStatistic");
      if (!is_percentile(e))
        invalid_value(fmt::format("The value {} for parameter ExtendedStatistic is not "
                                  "supported.",
                                  e));
      alarm["ExtendedStatistic"] = e;
    }
    auto p = optional_int(input, "Period");
    if (!p)
      missing("Period");
    if (*p < 1)
      validation("period", *p, "have value greater than or equal to 1");
    if (*p != 10 && *p != 30 && *p % 60 != 0)
      invalid_value("The parameter Period must be 10, 30 or a multiple of 60.");
    period = *p;
    alarm["Period"] = *p;
    if (auto unit = optional_string(input, "Unit")) {
      if (!units().count(*unit))
        invalid_value(fmt::format("The value {} for parameter Unit is invalid.", *unit));
      alarm["Unit"] = *unit;
    }
  }
  if (period * *evaluation > 7 * 86400)
    invalid_value("The evaluation period of the alarm (Period multiplied by EvaluationPeriods) "
                  "must not exceed 7 days.");
  if (!existing)
    alarm["Tags"] = tags; // tags on an update are ignored, as CloudWatch documents
  c.store.put_record(kService, "alarm", alarm_key(c, name), alarm);
  return Json::object();
}

// Alarm names an AlarmRule refers to: ALARM(x), OK("x"), INSUFFICIENT_DATA(arn).
std::vector<std::string> rule_alarms(const std::string &rule) {
  static const re2::RE2 call(
      R"re((ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]+)"|([^\s()"]+))\s*\))re");
  std::vector<std::string> out;
  re2::StringPiece text(rule);
  std::string state, quoted, bare;
  while (re2::RE2::FindAndConsume(&text, call, &state, &quoted, &bare))
    out.push_back(quoted.empty() ? bare : quoted);
  return out;
}

Json put_composite_alarm(Context &c, const Json &input) {
  std::string name = checked_alarm_name(input);
  auto existing = load_alarm(c, name);
  Json tags = read_tags_of(input);
  Json alarm = base_alarm(c, name, existing, "CompositeAlarm");
  set_common(alarm, input);
  std::string rule = text_member(input, "AlarmRule", 1, 10240, "AlarmRule");
  auto referenced = rule_alarms(rule);
  if (referenced.empty() && rule != "TRUE" && rule != "FALSE")
    invalid_value(fmt::format("Error in alarm rule: {} refers to no alarm (use ALARM(name), "
                              "OK(name) or INSUFFICIENT_DATA(name)).",
                              rule));
  std::string arn_prefix = alarm_arn(c, "");
  for (auto r : referenced) {
    if (r.starts_with(arn_prefix))
      r = r.substr(arn_prefix.size());
    if (r == name)
      invalid_value("Error in alarm rule: a composite alarm cannot refer to itself.");
    if (!load_alarm(c, r))
      invalid_value(fmt::format("Error in alarm rule: alarm '{}' does not exist.", r));
  }
  alarm["AlarmRule"] = rule;
  if (auto s = optional_string(input, "ActionsSuppressor")) {
    alarm["ActionsSuppressor"] = *s;
    alarm["ActionsSuppressorWaitPeriod"] =
        optional_int(input, "ActionsSuppressorWaitPeriod").value_or(60);
    alarm["ActionsSuppressorExtensionPeriod"] =
        optional_int(input, "ActionsSuppressorExtensionPeriod").value_or(60);
  }
  if (!existing)
    alarm["Tags"] = tags;
  c.store.put_record(kService, "alarm", alarm_key(c, name), alarm);
  return Json::object();
}

Json described(const Json &alarm) {
  Json out = alarm;
  out.erase("Type");
  out.erase("Tags");
  return out;
}

Json describe_alarms(Context &c, const Json &input) {
  Json names = input.value("AlarmNames", Json::array());
  auto prefix = optional_string(input, "AlarmNamePrefix");
  if (!names.empty() && prefix)
    invalid_combination("The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.");
  if (names.size() > 100)
    invalid_value("The collection AlarmNames must not have a size greater than 100.");
  std::set<std::string> types;
  for (const auto &t : input.value("AlarmTypes", Json::array()))
    types.insert(t.get<std::string>());
  if (types.empty())
    types.insert("MetricAlarm");
  auto state = optional_string(input, "StateValue");
  if (state && *state != "OK" && *state != "ALARM" && *state != "INSUFFICIENT_DATA")
    validation("stateValue", *state, "satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
  auto action = optional_string(input, "ActionPrefix");
  int64_t max = optional_int(input, "MaxRecords").value_or(50);
  if (max < 1 || max > 100)
    validation("maxRecords", max, "have value between 1 and 100");
  std::string after = optional_string(input, "NextToken").value_or("");
  std::set<std::string> wanted;
  for (const auto &n : names)
    wanted.insert(n.get<std::string>());
  Json out = {{"MetricAlarms", Json::array()}, {"CompositeAlarms", Json::array()}};
  int64_t count = 0;
  std::string last;
  for (const auto &[key, a] :
       c.store.list_records(kService, "alarm", alarm_key(c, prefix.value_or("")), 0,
                            after.empty() ? "" : alarm_key(c, after))) {
    std::string name = a["AlarmName"];
    if ((!wanted.empty() && !wanted.count(name)) || !types.count(a["Type"].get<std::string>()) ||
        (state && a["StateValue"] != *state))
      continue;
    if (action) {
      bool has = false;
      for (const char *list : {"OKActions", "AlarmActions", "InsufficientDataActions"})
        for (const auto &x : a.value(list, Json::array()))
          has = has || x.get<std::string>().starts_with(*action);
      if (!has)
        continue;
    }
    if (count == max) {
      out["NextToken"] = last;
      break;
    }
    ++count;
    out[a["Type"] == "CompositeAlarm" ? "CompositeAlarms" : "MetricAlarms"].push_back(described(a));
    last = name;
  }
  return out;
}

Json describe_alarms_for_metric(Context &c, const Json &input) {
  std::string ns = text_member(input, "Namespace", 1, 255, "Namespace");
  std::string metric = text_member(input, "MetricName", 1, 255, "MetricName");
  Json dims = checked_dimensions(input, "Dimensions");
  Json out = {{"MetricAlarms", Json::array()}};
  for (const auto &[key, a] : c.store.list_records(kService, "alarm", c.region + ":")) {
    if (a["Type"] != "MetricAlarm" || a.value("Namespace", "") != ns ||
        a.value("MetricName", "") != metric)
      continue;
    if (!dims.empty() && a.value("Dimensions", Json::array()) != dims)
      continue;
    bool differs = false;
    for (const char *m : {"Statistic", "ExtendedStatistic", "Unit"})
      if (auto v = optional_string(input, m); v && a.value(m, "") != *v)
        differs = true;
    if (auto p = optional_int(input, "Period"); p && a.value("Period", int64_t{0}) != *p)
      differs = true;
    if (!differs)
      out["MetricAlarms"].push_back(described(a));
  }
  return out;
}

std::vector<std::string> alarm_names(const Json &input) {
  auto it = input.find("AlarmNames");
  if (it == input.end() || it->is_null())
    missing("AlarmNames");
  if (!it->is_array())
    validation("alarmNames", *it, "be a list");
  if (it->size() > 100)
    invalid_value("The collection AlarmNames must not have a size greater than 100.");
  std::vector<std::string> out;
  for (const auto &n : *it)
    out.push_back(n.is_string() ? n.get<std::string>() : n.dump());
  return out;
}

Json delete_alarms(Context &c, const Json &input) {
  auto names = alarm_names(input);
  std::vector<std::string> absent;
  for (const auto &n : names)
    if (!load_alarm(c, n))
      absent.push_back(n);
  if (!absent.empty())
    throw ServiceError(
        "ResourceNotFound",
        fmt::format("{} alarm(s) not found: {}", absent.size(), fmt::join(absent, ", ")), 404);
  for (const auto &[key, a] : c.store.list_records(kService, "alarm", c.region + ":"))
    if (a["Type"] == "CompositeAlarm")
      for (const auto &r : rule_alarms(a.value("AlarmRule", "")))
        for (const auto &n : names)
          if ((r == n || r == alarm_arn(c, n)) &&
              std::find(names.begin(), names.end(), a["AlarmName"].get<std::string>()) ==
                  names.end())
            invalid_value(fmt::format("The alarm {} is referenced by the composite alarm {}; "
                                      "delete or change the composite alarm first.",
                                      n, a["AlarmName"].get<std::string>()));
  for (const auto &n : names)
    c.store.delete_record(kService, "alarm", alarm_key(c, n));
  return Json::object();
}

Json set_alarm_state(Context &c, const Json &input) {
  std::string name = checked_alarm_name(input);
  std::string state = text_member(input, "StateValue", 1, 32, "StateValue");
  if (state != "OK" && state != "ALARM" && state != "INSUFFICIENT_DATA")
    validation("stateValue", state, "satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
  std::string reason = text_member(input, "StateReason", 0, 1023, "StateReason");
  auto alarm = load_alarm(c, name);
  if (!alarm)
    throw ServiceError("ResourceNotFound", fmt::format("Alarm {} not found", name), 404);
  if (auto data = optional_string(input, "StateReasonData")) {
    if (!Json::accept(*data))
      throw ServiceError("InvalidFormat", "StateReasonData is not valid JSON.");
    (*alarm)["StateReasonData"] = *data;
  } else {
    alarm->erase("StateReasonData");
  }
  std::string now = state::now_iso8601();
  if ((*alarm)["StateValue"] != state)
    (*alarm)["StateTransitionedTimestamp"] = now;
  (*alarm)["StateValue"] = state;
  (*alarm)["StateReason"] = reason;
  (*alarm)["StateUpdatedTimestamp"] = now;
  c.store.put_record(kService, "alarm", alarm_key(c, name), *alarm);
  return Json::object();
}

Json set_actions(Context &c, const Json &input, bool enabled) {
  for (const auto &n : alarm_names(input))
    if (auto alarm = load_alarm(c, n)) {
      (*alarm)["ActionsEnabled"] = enabled;
      c.store.put_record(kService, "alarm", alarm_key(c, n), *alarm);
    }
  return Json::object();
}
Json enable_alarm_actions(Context &c, const Json &input) { return set_actions(c, input, true); }
Json disable_alarm_actions(Context &c, const Json &input) { return set_actions(c, input, false); }

// ---- tags -------------------------------------------------------------------------------------

Json alarm_of_arn(Context &c, const Json &input, std::string &name) {
  std::string arn = text_member(input, "ResourceARN", 1, 1024, "ResourceARN");
  std::string prefix = alarm_arn(c, "");
  if (!arn.starts_with("arn:") || arn.find(":cloudwatch:") == std::string::npos)
    invalid_value(fmt::format("Invalid ARN: {}", arn));
  if (!arn.starts_with(prefix))
    throw ServiceError("ResourceNotFoundException",
                       fmt::format("The specified resource {} does not exist.", arn), 404);
  name = arn.substr(prefix.size());
  auto alarm = load_alarm(c, name);
  if (!alarm)
    throw ServiceError("ResourceNotFoundException", fmt::format("Alarm {} not found.", name), 404);
  return *alarm;
}

Json tag_resource(Context &c, const Json &input) {
  std::string name;
  Json alarm = alarm_of_arn(c, input, name);
  if (!input.contains("Tags") || input["Tags"].is_null())
    missing("Tags");
  Json tags = alarm.value("Tags", Json::array());
  for (const auto &t : read_tags_of(input)) {
    bool replaced = false;
    for (auto &old : tags)
      if (old["Key"] == t["Key"])
        old["Value"] = t["Value"], replaced = true;
    if (!replaced)
      tags.push_back(t);
  }
  if (tags.size() > 50)
    throw ServiceError("LimitExceededException",
                       fmt::format("A resource can have no more than 50 tags; {} would have {}.",
                                   name, tags.size()));
  alarm["Tags"] = tags;
  c.store.put_record(kService, "alarm", alarm_key(c, name), alarm);
  return Json::object();
}

Json untag_resource(Context &c, const Json &input) {
  std::string name;
  Json alarm = alarm_of_arn(c, input, name);
  auto keys = input.find("TagKeys");
  if (keys == input.end() || !keys->is_array())
    missing("TagKeys");
  Json kept = Json::array();
  for (const auto &t : alarm.value("Tags", Json::array()))
    if (std::find(keys->begin(), keys->end(), t["Key"]) == keys->end())
      kept.push_back(t);
  alarm["Tags"] = kept;
  c.store.put_record(kService, "alarm", alarm_key(c, name), alarm);
  return Json::object();
}

Json list_tags_for_resource(Context &c, const Json &input) {
  std::string name;
  return Json{{"Tags", alarm_of_arn(c, input, name).value("Tags", Json::array())}};
}

} // namespace
} // namespace cloudwatch

const HandlerTable &cloudwatch_handlers() {
  using namespace cloudwatch;
  static const HandlerTable table = {
      {"PutMetricData", put_metric_data},
      {"ListMetrics", list_metrics},
      {"GetMetricStatistics", get_metric_statistics},
      {"GetMetricData", get_metric_data},
      {"PutMetricAlarm", put_metric_alarm},
      {"PutCompositeAlarm", put_composite_alarm},
      {"DescribeAlarms", describe_alarms},
      {"DescribeAlarmsForMetric", describe_alarms_for_metric},
      {"DeleteAlarms", delete_alarms},
      {"SetAlarmState", set_alarm_state},
      {"EnableAlarmActions", enable_alarm_actions},
      {"DisableAlarmActions", disable_alarm_actions},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsForResource", list_tags_for_resource},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
