#include "cli/plan_view.h"

#include <fmt/format.h>

namespace cfnlocal::cli {

namespace {

struct Style {
  bool colour;
  std::string paint(const char *code, const std::string &text) const {
    return colour ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  }
};

std::string shown(const Json &rc_target, const char *member) {
  if (!rc_target.contains(member))
    return "(absent)";
  const Json &v = rc_target[member];
  return v.is_string() ? fmt::format("\"{}\"", v.get<std::string>()) : v.dump();
}

} // namespace

namespace {

std::string render_changes(const Json &changes, const Style &s, const std::string &indent) {
  std::string out;
  for (const auto &change : changes) {
    const Json &rc = change.value("ResourceChange", Json::object());
    std::string action = rc.value("Action", "");
    std::string replacement = rc.value("Replacement", "");
    std::string symbol, code;
    if (action == "Add")
      symbol = "+", code = "32";
    else if (action == "Remove")
      symbol = "-", code = "31";
    else if (action == "Dynamic")
      symbol = "?", code = "35";
    else if (replacement == "True")
      symbol = "-/+", code = "31";
    else if (replacement == "Conditional")
      symbol = "~/+", code = "33";
    else
      symbol = "~", code = "33";
    std::string line = fmt::format("{}  {} {}  {}", indent, s.paint(code.c_str(), symbol),
                                   rc.value("LogicalResourceId", ""), rc.value("ResourceType", ""));
    if (!rc.value("PhysicalResourceId", "").empty())
      line += fmt::format("  ({})", rc.value("PhysicalResourceId", ""));
    if (replacement == "True")
      line += s.paint("31", "  must be replaced");
    else if (replacement == "Conditional")
      line += s.paint("33", "  may be replaced");
    out += line + "\n";
    for (const auto &detail : rc.value("Details", Json::array())) {
      const Json &target = detail.value("Target", Json::object());
      std::string name = target.value("Name", target.value("Attribute", ""));
      std::string path = target.value("Path", "");
      std::string source = detail.value("ChangeSource", "");
      std::string causing = detail.value("CausingEntity", "");
      std::string recreation = target.value("RequiresRecreation", "Never");
      std::string row;
      if (source == "Automatic") {
        if (rc.contains("NestedChanges"))
          continue; // the nested stack's own changes follow
        row = fmt::format("{}      {} nested stack: its template is read again when updated",
                          indent, s.paint("33", "~"));
      } else if (source == "DirectModification" || source.empty()) {
        row = fmt::format("{}      {} {}: {} -> {}", indent, s.paint("33", "~"),
                          path.empty() ? name : path, shown(target, "BeforeValue"),
                          shown(target, "AfterValue"));
      } else {
        row = fmt::format("{}      {} {} changes because {} {} changes", indent, s.paint("33", "~"),
                          path.empty() ? name : path,
                          source == "ParameterReference" ? "parameter" : "resource",
                          causing.empty() ? "?" : causing);
      }
      if (recreation == "Always")
        row += s.paint("31", "  (forces replacement)");
      else if (recreation == "Conditionally")
        row += s.paint("33", "  (may force replacement)");
      if (detail.value("Evaluation", "") == "Dynamic")
        row += "  (known after apply)";
      out += row + "\n";
    }
    if (rc.contains("NestedChanges")) {
      if (rc["NestedChanges"].empty())
        out += fmt::format("{}      (nested stack: no changes)\n", indent);
      else
        out += render_changes(rc["NestedChanges"], s, indent + "      ");
    }
  }
  return out;
}

} // namespace

std::string render_changes_text(const Json &changes, bool colour) {
  return render_changes(changes, Style{colour}, "");
}

std::string render_plan(const planner::ChangeSet &change_set, bool colour) {
  if (change_set.empty())
    return "No changes. The deployed stack matches the template and parameters.\n";
  size_t add = 0, change = 0, replace = 0, remove = 0;
  for (const auto &c : change_set.changes) {
    if (c.action == planner::ChangeAction::Add)
      ++add;
    else if (c.action == planner::ChangeAction::Remove)
      ++remove;
    else if (c.replacement == planner::Replacement::True)
      ++replace;
    else
      ++change;
  }
  std::string out = "cfnlocal will perform the following actions:\n\n";
  out += render_changes_text(planner::changes_to_json(change_set), colour);
  for (const auto &e : change_set.errors)
    out += fmt::format("\n  error: {}\n", e.str());
  out += fmt::format("\nPlan: {} to add, {} to change, {} to replace, {} to remove.\n", add, change,
                     replace, remove);
  return out;
}

} // namespace cfnlocal::cli
