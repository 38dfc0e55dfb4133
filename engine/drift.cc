#include "engine/drift.h"

#include <algorithm>
#include <optional>

namespace cfnlocal::engine {

namespace {

std::string escape_pointer_token(const std::string &token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

/// A value's text, as a PropertyDifference shows it. Scalars compare by it: CloudFormation passes
/// every scalar to services as text, so a template's "30" and a service's 30 are the same value.
std::string scalar_text(const Value &v) {
  if (v.is_string())
    return v.as_string();
  return dump_json(v, -1);
}

bool has_dynamic_reference(const Value &v) {
  if (v.is_string())
    return v.as_string().find("{{resolve:") != std::string::npos;
  if (v.is_array())
    return std::any_of(v.as_array().begin(), v.as_array().end(), has_dynamic_reference);
  if (v.is_object())
    for (const auto &m : v.as_object())
      if (has_dynamic_reference(m.value))
        return true;
  return false;
}

/// Canonical text of a value for multiset comparison (scalars by their text).
std::string canonical(const Value &v) {
  if (v.is_scalar())
    return "s:" + scalar_text(v);
  if (v.is_array()) {
    std::string out = "[";
    for (const auto &x : v.as_array())
      out += canonical(x) + ",";
    return out + "]";
  }
  std::vector<std::string> members;
  for (const auto &m : v.as_object())
    members.push_back(m.key + "=" + canonical(m.value));
  std::sort(members.begin(), members.end());
  std::string out = "{";
  for (const auto &m : members)
    out += m + ",";
  return out + "}";
}

bool same_value(const Value &a, const Value &b) { return canonical(a) == canonical(b); }

class Comparer {
public:
  Comparer(const schema::ResourceType *type, std::vector<PropertyDifference> &out)
      : type_(type), out_(out) {}

  void compare(const Value &expected, const Value *actual, std::vector<std::string> &path) {
    if (!actual || actual->is_null()) {
      if (!expected.is_null())
        add(path, scalar_text(expected), "", "REMOVE");
      return;
    }
    if (expected.is_object() && actual->is_object()) {
      for (const auto &m : expected.as_object()) {
        path.push_back(m.key);
        compare(m.value, actual->find(m.key), path);
        path.pop_back();
      }
      return;
    }
    if (expected.is_array() && actual->is_array()) {
      compare_arrays(expected, *actual, path);
      return;
    }
    if (expected.is_scalar() && actual->is_scalar()) {
      if (scalar_text(expected) != scalar_text(*actual))
        add(path, scalar_text(expected), scalar_text(*actual), "NOT_EQUAL");
      return;
    }
    add(path, scalar_text(expected), scalar_text(*actual), "NOT_EQUAL");
  }

private:
  bool unordered(const std::vector<std::string> &path) const {
    if (!type_)
      return false;
    std::vector<std::string> schema_path;
    for (const auto &p : path)
      schema_path.push_back(std::all_of(p.begin(), p.end(), ::isdigit) && !p.empty() ? "*" : p);
    const Json *s = type_->property_schema(schema_path);
    return s && s->is_object() && s->value("insertionOrder", true) == false;
  }

  void compare_arrays(const Value &expected, const Value &actual, std::vector<std::string> &path) {
    const auto &e = expected.as_array();
    const auto &a = actual.as_array();
    if (unordered(path)) {
      // Pair equal elements first; what is left over is removed (expected) or added (actual).
      std::vector<bool> used(a.size(), false);
      std::vector<size_t> unmatched;
      for (size_t i = 0; i < e.size(); ++i) {
        bool found = false;
        for (size_t j = 0; j < a.size() && !found; ++j)
          if (!used[j] && same_value(e[i], a[j]))
            used[j] = found = true;
        if (!found)
          unmatched.push_back(i);
      }
      for (size_t i : unmatched) {
        path.push_back(std::to_string(i));
        add(path, scalar_text(e[i]), "", "REMOVE");
        path.pop_back();
      }
      for (size_t j = 0; j < a.size(); ++j)
        if (!used[j]) {
          path.push_back(std::to_string(j));
          add(path, "", scalar_text(a[j]), "ADD");
          path.pop_back();
        }
      return;
    }
    for (size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
      path.push_back(std::to_string(i));
      if (i >= a.size())
        add(path, scalar_text(e[i]), "", "REMOVE");
      else if (i >= e.size())
        add(path, "", scalar_text(a[i]), "ADD");
      else
        compare(e[i], &a[i], path);
      path.pop_back();
    }
  }

  void add(const std::vector<std::string> &path, std::string expected, std::string actual,
           const char *kind) {
    std::string pointer;
    for (const auto &p : path)
      pointer += "/" + escape_pointer_token(p);
    out_.push_back({pointer, std::move(expected), std::move(actual), kind});
  }

  const schema::ResourceType *type_;
  std::vector<PropertyDifference> &out_;
};

} // namespace

namespace {

/// `v` (at `path`) without what a read cannot give back: writeOnly properties at any depth (the
/// registry often marks only the members, as AWS::Lambda::Function does Code/ZipFile) and values
/// set through a dynamic reference. nullopt when nothing of `v` is left to compare: an object
/// whose every member went, or an array that lost an element (its indices would no longer line
/// up with what the read returns).
std::optional<Value> comparable(const Value &v, std::vector<std::string> &path,
                                const schema::ResourceType *type) {
  if (type && type->is_write_only(path))
    return std::nullopt;
  if (v.is_string())
    return has_dynamic_reference(v) ? std::nullopt : std::optional<Value>(v);
  if (v.is_object()) {
    if (v.as_object().empty())
      return v;
    Value out = Value::object();
    for (const auto &m : v.as_object()) {
      path.push_back(m.key);
      if (auto kept = comparable(m.value, path, type))
        out.set(m.key, std::move(*kept));
      path.pop_back();
    }
    return out.as_object().empty() ? std::nullopt : std::optional<Value>(std::move(out));
  }
  if (v.is_array()) {
    Value out = Value::array();
    for (size_t i = 0; i < v.as_array().size(); ++i) {
      path.push_back(std::to_string(i));
      auto kept = comparable(v.as_array()[i], path, type);
      path.pop_back();
      if (!kept)
        return std::nullopt;
      out.push_back(std::move(*kept));
    }
    return out;
  }
  return v;
}

} // namespace

Value comparable_properties(const Value &expected, const schema::ResourceType *type) {
  Value out = Value::object();
  if (!expected.is_object())
    return out;
  std::vector<std::string> path;
  for (const auto &m : expected.as_object()) {
    path.push_back(m.key);
    if (auto kept = comparable(m.value, path, type))
      out.set(m.key, std::move(*kept));
    path.pop_back();
  }
  return out;
}

std::vector<PropertyDifference> property_differences(const Value &expected, const Value &actual,
                                                     const schema::ResourceType *type) {
  std::vector<PropertyDifference> out;
  Comparer comparer(type, out);
  std::vector<std::string> path;
  Value compared = comparable_properties(expected, type);
  for (const auto &m : compared.as_object()) {
    path.push_back(m.key);
    comparer.compare(m.value, actual.is_object() ? actual.find(m.key) : nullptr, path);
    path.pop_back();
  }
  return out;
}

Json drift_json(const ResourceDrift &d) {
  Json out = Json::object();
  out["StackId"] = d.stack_id;
  out["LogicalResourceId"] = d.logical_id;
  out["PhysicalResourceId"] = d.physical_id;
  out["ResourceType"] = d.resource_type;
  if (!d.expected_properties.is_null())
    out["ExpectedProperties"] = d.expected_properties.dump();
  if (!d.actual_properties.is_null())
    out["ActualProperties"] = d.actual_properties.dump();
  Json differences = Json::array();
  for (const auto &p : d.differences)
    differences.push_back({{"PropertyPath", p.path},
                           {"ExpectedValue", p.expected_value},
                           {"ActualValue", p.actual_value},
                           {"DifferenceType", p.difference_type}});
  out["PropertyDifferences"] = differences;
  out["StackResourceDriftStatus"] = d.status;
  out["Timestamp"] = d.timestamp;
  return out;
}

Json detection_status_json(const DriftDetection &d) {
  Json out = Json::object();
  out["StackId"] = d.stack_id;
  out["StackDriftDetectionId"] = d.detection_id;
  out["StackDriftStatus"] = d.stack_drift_status;
  out["DetectionStatus"] = d.detection_status;
  if (!d.detection_status_reason.empty())
    out["DetectionStatusReason"] = d.detection_status_reason;
  out["DriftedStackResourceCount"] = d.drifted_resource_count;
  out["Timestamp"] = d.timestamp;
  return out;
}

Json detection_to_record(const DriftDetection &d) {
  Json out = detection_status_json(d);
  Json resources = Json::array();
  for (const auto &r : d.resources)
    resources.push_back(drift_json(r));
  out["Resources"] = resources;
  return out;
}

DriftDetection detection_from_record(const Json &j) {
  DriftDetection d;
  d.stack_id = j.value("StackId", "");
  d.detection_id = j.value("StackDriftDetectionId", "");
  d.stack_drift_status = j.value("StackDriftStatus", "");
  d.detection_status = j.value("DetectionStatus", "");
  d.detection_status_reason = j.value("DetectionStatusReason", "");
  d.drifted_resource_count = j.value("DriftedStackResourceCount", 0);
  d.timestamp = j.value("Timestamp", "");
  for (const auto &r : j.value("Resources", Json::array())) {
    ResourceDrift x;
    x.stack_id = r.value("StackId", "");
    x.logical_id = r.value("LogicalResourceId", "");
    x.physical_id = r.value("PhysicalResourceId", "");
    x.resource_type = r.value("ResourceType", "");
    if (r.contains("ExpectedProperties"))
      x.expected_properties = Json::parse(r["ExpectedProperties"].get<std::string>());
    if (r.contains("ActualProperties"))
      x.actual_properties = Json::parse(r["ActualProperties"].get<std::string>());
    for (const auto &p : r.value("PropertyDifferences", Json::array()))
      x.differences.push_back({p.value("PropertyPath", ""), p.value("ExpectedValue", ""),
                               p.value("ActualValue", ""), p.value("DifferenceType", "")});
    x.status = r.value("StackResourceDriftStatus", "");
    x.timestamp = r.value("Timestamp", "");
    d.resources.push_back(std::move(x));
  }
  return d;
}

} // namespace cfnlocal::engine
