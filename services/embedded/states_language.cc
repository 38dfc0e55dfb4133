#include "services/embedded/states_language.h"

#include "parser/json.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace cfnlocal::services::embedded {
namespace {

// Fields every state takes, and those of each type (States Language specification, "State
// Types"; JSONata fields included).
const std::set<std::string> kCommon = {"Type", "Comment", "QueryLanguage"};
const std::map<std::string, std::set<std::string>> kTypeFields = {
    {"Task",
     {"Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
      "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
      "HeartbeatSecondsPath", "Retry", "Catch", "Credentials", "Arguments", "Output", "Assign"}},
    {"Pass",
     {"Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Output",
      "Assign"}},
    {"Choice", {"InputPath", "OutputPath", "Choices", "Default", "Output", "Assign"}},
    {"Wait",
     {"Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath",
      "TimestampPath", "Output", "Assign"}},
    {"Succeed", {"InputPath", "OutputPath", "Output"}},
    {"Fail", {"Error", "Cause", "ErrorPath", "CausePath"}},
    {"Parallel",
     {"Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
      "Branches", "Retry", "Catch", "Arguments", "Output", "Assign"}},
    {"Map",
     {"Next",
      "End",
      "InputPath",
      "OutputPath",
      "ResultPath",
      "Parameters",
      "ResultSelector",
      "ItemsPath",
      "ItemSelector",
      "ItemReader",
      "ItemBatcher",
      "ResultWriter",
      "Iterator",
      "ItemProcessor",
      "MaxConcurrency",
      "MaxConcurrencyPath",
      "ToleratedFailurePercentage",
      "ToleratedFailurePercentagePath",
      "ToleratedFailureCount",
      "ToleratedFailureCountPath",
      "Retry",
      "Catch",
      "Label",
      "Items",
      "Arguments",
      "Output",
      "Assign"}},
};

const std::set<std::string> kComparisons = {"StringEquals",
                                            "StringEqualsPath",
                                            "StringLessThan",
                                            "StringLessThanPath",
                                            "StringGreaterThan",
                                            "StringGreaterThanPath",
                                            "StringLessThanEquals",
                                            "StringLessThanEqualsPath",
                                            "StringGreaterThanEquals",
                                            "StringGreaterThanEqualsPath",
                                            "StringMatches",
                                            "NumericEquals",
                                            "NumericEqualsPath",
                                            "NumericLessThan",
                                            "NumericLessThanPath",
                                            "NumericGreaterThan",
                                            "NumericGreaterThanPath",
                                            "NumericLessThanEquals",
                                            "NumericLessThanEqualsPath",
                                            "NumericGreaterThanEquals",
                                            "NumericGreaterThanEqualsPath",
                                            "BooleanEquals",
                                            "BooleanEqualsPath",
                                            "TimestampEquals",
                                            "TimestampEqualsPath",
                                            "TimestampLessThan",
                                            "TimestampLessThanPath",
                                            "TimestampGreaterThan",
                                            "TimestampGreaterThanPath",
                                            "TimestampLessThanEquals",
                                            "TimestampLessThanEqualsPath",
                                            "TimestampGreaterThanEquals",
                                            "TimestampGreaterThanEqualsPath",
                                            "IsNull",
                                            "IsPresent",
                                            "IsNumeric",
                                            "IsString",
                                            "IsBoolean",
                                            "IsTimestamp"};

class Checker {
public:
  std::vector<std::string> problems;

  void machine(const Json &m, const std::string &at) {
    if (!m.is_object()) {
      schema(at, "The value must be an object");
      return;
    }
    auto states = m.find("States");
    auto start = m.find("StartAt");
    if (start == m.end())
      required(at, "StartAt");
    else if (!start->is_string())
      schema(at + "/StartAt", "The value for the field \"StartAt\" must be a STRING");
    if (states == m.end()) {
      required(at, "States");
      return;
    }
    if (!states->is_object() || states->empty()) {
      schema(at + "/States", "The value for the field \"States\" must be a non-empty OBJECT");
      return;
    }
    for (const auto &[key, value] : m.items())
      if (key != "States" && key != "StartAt" && key != "Comment" && key != "Version" &&
          key != "TimeoutSeconds" && key != "QueryLanguage" && key != "ProcessorConfig")
        schema(at, fmt::format("Field \"{}\" is not supported", key));
    if (auto t = m.find("TimeoutSeconds"); t != m.end() && !non_negative_int(*t))
      schema(at + "/TimeoutSeconds",
             "The value for the field \"TimeoutSeconds\" must be a non-negative INTEGER");
    std::set<std::string> names;
    for (const auto &[name, state] : states->items())
      names.insert(name);
    std::map<std::string, std::vector<std::string>> edges;
    bool terminal = false;
    for (const auto &[name, state] : states->items()) {
      std::string here = at + "/States/" + name;
      if (name.size() > 80)
        schema(here, fmt::format("State name \"{}\" is longer than 80 characters", name));
      terminal = this->state(state, here, names, edges[name]) || terminal;
    }
    if (start != m.end() && start->is_string() && !names.count(*start))
      problems.push_back(fmt::format("MISSING_TRANSITION_TARGET: Missing 'Next' target: {} at {}",
                                     start->get<std::string>(), at + "/StartAt"));
    if (!terminal)
      problems.push_back(fmt::format("MISSING_END_STATE: Workflow has no terminal state at {}",
                                     at.empty() ? "/" : at));
    // Reachability from StartAt.
    if (start != m.end() && start->is_string() && names.count(*start)) {
      std::set<std::string> seen;
      std::vector<std::string> todo{*start};
      while (!todo.empty()) {
        std::string s = todo.back();
        todo.pop_back();
        if (!seen.insert(s).second)
          continue;
        for (const auto &n : edges[s])
          if (names.count(n))
            todo.push_back(n);
      }
      for (const auto &n : names)
        if (!seen.count(n))
          problems.push_back(fmt::format("UNREACHABLE_STATE: State \"{}\" is not reachable. at {}",
                                         n, at + "/States/" + n));
    }
  }

private:
  void schema(const std::string &at, const std::string &what) {
    problems.push_back(
        fmt::format("SCHEMA_VALIDATION_FAILED: {} at {}", what, at.empty() ? "/" : at));
  }
  void required(const std::string &at, const std::string &field) {
    schema(at, fmt::format("The field \"{}\" is required but was missing", field));
  }
  static bool non_negative_int(const Json &v) {
    return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
  }
  static bool positive_int(const Json &v) { return v.is_number_integer() && v.get<int64_t>() > 0; }

  void target(const Json &next, const std::string &at, const std::set<std::string> &names,
              std::vector<std::string> &edges) {
    if (!next.is_string()) {
      schema(at, "The value for the field \"Next\" must be a STRING");
      return;
    }
    edges.push_back(next);
    if (!names.count(next))
      problems.push_back(fmt::format("MISSING_TRANSITION_TARGET: Missing 'Next' target: {} at {}",
                                     next.get<std::string>(), at));
  }

  void retriers(const Json &list, const std::string &at) {
    if (!list.is_array()) {
      schema(at, "The value for the field \"Retry\" must be an ARRAY");
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      std::string here = fmt::format("{}[{}]", at, i);
      error_equals(list[i], here, i + 1 == list.size());
      for (const char *field : {"IntervalSeconds", "MaxAttempts", "MaxDelaySeconds"})
        if (auto v = list[i].find(field); list[i].is_object() && v != list[i].end()) {
          bool ok =
              std::string_view(field) == "MaxAttempts" ? non_negative_int(*v) : positive_int(*v);
          if (!ok)
            schema(here + "/" + field,
                   fmt::format("The value for the field \"{}\" must be a {} "
                               "INTEGER",
                               field,
                               std::string_view(field) == "MaxAttempts" ? "non-negative"
                                                                        : "positive"));
        }
      if (auto v = list[i].find("BackoffRate");
          list[i].is_object() && v != list[i].end() && (!v->is_number() || v->get<double>() < 1.0))
        schema(here + "/BackoffRate",
               "The value for the field \"BackoffRate\" must be a NUMBER greater than or equal "
               "to 1.0");
    }
  }

  void error_equals(const Json &entry, const std::string &at, bool last) {
    if (!entry.is_object()) {
      schema(at, "The value must be an object");
      return;
    }
    auto errors = entry.find("ErrorEquals");
    if (errors == entry.end()) {
      required(at, "ErrorEquals");
      return;
    }
    if (!errors->is_array() || errors->empty()) {
      schema(at + "/ErrorEquals", "The value for the field \"ErrorEquals\" must be a non-empty "
                                  "ARRAY");
      return;
    }
    for (const auto &e : *errors)
      if (e == "States.ALL" && (errors->size() > 1 || !last))
        schema(at + "/ErrorEquals",
               "\"States.ALL\" must appear alone in the last ErrorEquals array");
  }

  void catchers(const Json &list, const std::string &at, const std::set<std::string> &names,
                std::vector<std::string> &edges) {
    if (!list.is_array()) {
      schema(at, "The value for the field \"Catch\" must be an ARRAY");
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      std::string here = fmt::format("{}[{}]", at, i);
      error_equals(list[i], here, i + 1 == list.size());
      if (!list[i].is_object())
        continue;
      if (auto next = list[i].find("Next"); next != list[i].end())
        target(*next, here + "/Next", names, edges);
      else
        required(here, "Next");
    }
  }

  void choice_rule(const Json &rule, const std::string &at, bool top,
                   const std::set<std::string> &names, std::vector<std::string> &edges) {
    if (!rule.is_object()) {
      schema(at, "The value must be an object");
      return;
    }
    if (top) {
      if (auto next = rule.find("Next"); next != rule.end())
        target(*next, at + "/Next", names, edges);
      else
        required(at, "Next");
    } else if (rule.contains("Next")) {
      schema(at, "Field \"Next\" is not supported in a nested choice rule");
    }
    if (rule.contains("Condition"))
      return; // JSONata
    int operators = 0;
    for (const auto &[key, value] : rule.items()) {
      if (key == "And" || key == "Or") {
        ++operators;
        if (!value.is_array() || value.empty()) {
          schema(at + "/" + key, fmt::format("The value for the field \"{}\" must be a "
                                             "non-empty ARRAY",
                                             key));
          continue;
        }
        for (size_t i = 0; i < value.size(); ++i)
          choice_rule(value[i], fmt::format("{}/{}[{}]", at, key, i), false, names, edges);
      } else if (key == "Not") {
        ++operators;
        choice_rule(value, at + "/Not", false, names, edges);
      } else if (kComparisons.count(key)) {
        ++operators;
        if (!rule.contains("Variable"))
          required(at, "Variable");
      } else if (key != "Variable" && key != "Next" && key != "Comment" && key != "Assign" &&
                 key != "Output") {
        schema(at, fmt::format("Field \"{}\" is not supported", key));
      }
    }
    if (operators != 1)
      schema(at, operators == 0 ? "A choice rule must have a comparison operator"
                                : "A choice rule must have exactly one comparison operator");
  }

  // Checks one state; true when it ends the machine.
  bool state(const Json &s, const std::string &at, const std::set<std::string> &names,
             std::vector<std::string> &edges) {
    if (!s.is_object()) {
      schema(at, "The value must be an object");
      return false;
    }
    auto type_it = s.find("Type");
    if (type_it == s.end()) {
      required(at, "Type");
      return false;
    }
    std::string type = type_it->is_string() ? type_it->get<std::string>() : "";
    auto fields = kTypeFields.find(type);
    if (fields == kTypeFields.end()) {
      schema(at + "/Type", "The value for the field \"Type\" must be one of [Task, Pass, Choice, "
                           "Wait, Succeed, Fail, Parallel, Map]");
      return false;
    }
    for (const auto &[key, value] : s.items())
      if (!kCommon.count(key) && !fields->second.count(key))
        schema(at, fmt::format("Field \"{}\" is not supported", key));

    bool terminal = type == "Succeed" || type == "Fail";
    if (type != "Choice" && !terminal) {
      auto next = s.find("Next");
      auto end = s.find("End");
      bool has_end = end != s.end();
      if (has_end && !end->is_boolean())
        schema(at + "/End", "The value for the field \"End\" must be a BOOLEAN");
      bool ends = has_end && end->is_boolean() && end->get<bool>();
      if (next != s.end() && ends)
        schema(at, "Only one of \"Next\" and \"End\" may be present");
      else if (next == s.end() && !ends)
        schema(at, "The field \"Next\" or \"End\" is required but was missing");
      if (next != s.end())
        target(*next, at + "/Next", names, edges);
      terminal = ends;
    }
    if (auto r = s.find("Retry"); r != s.end())
      retriers(*r, at + "/Retry");
    if (auto c = s.find("Catch"); c != s.end())
      catchers(*c, at + "/Catch", names, edges);

    if (type == "Task") {
      auto resource = s.find("Resource");
      if (resource == s.end())
        required(at, "Resource");
      else if (!resource->is_string() || !resource->get<std::string>().starts_with("arn:"))
        schema(at + "/Resource", "The value for the field \"Resource\" must be a valid ARN");
      for (const char *field : {"TimeoutSeconds", "HeartbeatSeconds"})
        if (auto v = s.find(field); v != s.end() && !positive_int(*v))
          schema(at + "/" + field,
                 fmt::format("The value for the field \"{}\" must be a positive INTEGER", field));
      if (s.contains("TimeoutSeconds") && s.contains("HeartbeatSeconds") &&
          s["TimeoutSeconds"].is_number_integer() && s["HeartbeatSeconds"].is_number_integer() &&
          s["HeartbeatSeconds"].get<int64_t>() >= s["TimeoutSeconds"].get<int64_t>())
        schema(at + "/HeartbeatSeconds",
               "The value of \"HeartbeatSeconds\" must be smaller than \"TimeoutSeconds\"");
    } else if (type == "Choice") {
      auto choices = s.find("Choices");
      if (choices == s.end())
        required(at, "Choices");
      else if (!choices->is_array() || choices->empty())
        schema(at + "/Choices", "The value for the field \"Choices\" must be a non-empty ARRAY");
      else
        for (size_t i = 0; i < choices->size(); ++i)
          choice_rule((*choices)[i], fmt::format("{}/Choices[{}]", at, i), true, names, edges);
      if (auto d = s.find("Default"); d != s.end())
        target(*d, at + "/Default", names, edges);
    } else if (type == "Wait") {
      int given = 0;
      for (const char *field : {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"})
        given += s.contains(field);
      if (given != 1)
        schema(at, "Exactly one of \"Seconds\", \"Timestamp\", \"SecondsPath\" or "
                   "\"TimestampPath\" must be present");
      if (auto v = s.find("Seconds"); v != s.end() && !non_negative_int(*v) && !v->is_string())
        schema(at + "/Seconds", "The value for the field \"Seconds\" must be a non-negative "
                                "INTEGER");
    } else if (type == "Parallel") {
      auto branches = s.find("Branches");
      if (branches == s.end())
        required(at, "Branches");
      else if (!branches->is_array() || branches->empty())
        schema(at + "/Branches", "The value for the field \"Branches\" must be a non-empty ARRAY");
      else
        for (size_t i = 0; i < branches->size(); ++i)
          machine((*branches)[i], fmt::format("{}/Branches[{}]", at, i));
    } else if (type == "Map") {
      auto processor = s.find("ItemProcessor");
      auto iterator = s.find("Iterator");
      if (processor == s.end() && iterator == s.end())
        required(at, "ItemProcessor");
      else if (processor != s.end() && iterator != s.end())
        schema(at, "Only one of \"ItemProcessor\" and \"Iterator\" may be present");
      else if (processor != s.end())
        machine(*processor, at + "/ItemProcessor");
      else
        machine(*iterator, at + "/Iterator");
      if (auto v = s.find("MaxConcurrency"); v != s.end() && !non_negative_int(*v))
        schema(at + "/MaxConcurrency", "The value for the field \"MaxConcurrency\" must be a "
                                       "non-negative INTEGER");
    }
    return terminal;
  }
};

} // namespace

std::vector<std::string> states_language_problems(const std::string &definition) {
  Json document;
  try {
    document = Json::parse(definition);
  } catch (const nlohmann::json::parse_error &e) {
    std::string what = e.what();
    // nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
    if (size_t p = what.find("] "); p != std::string::npos)
      what = what.substr(p + 2);
    return {"INVALID_JSON_DESCRIPTION: " + what};
  }
  Checker checker;
  if (!document.is_object())
    return {"SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /"};
  checker.machine(document, "");
  return checker.problems;
}

} // namespace cfnlocal::services::embedded
