#include "validate/suppression.h"

#include "validate/linter.h"

namespace cfnlocal::validate {

std::vector<std::string> ignore_checks_in(const Value *metadata) {
  std::vector<std::string> out;
  if (!metadata || !metadata->is_object())
    return out;
  const Value *lint = metadata->find("cfn-lint");
  const Value *config = lint && lint->is_object() ? lint->find("config") : nullptr;
  const Value *ignore = config && config->is_object() ? config->find("ignore_checks") : nullptr;
  if (!ignore)
    return out;
  if (ignore->is_string())
    out.push_back(ignore->as_string());
  else if (ignore->is_array())
    for (const auto &item : ignore->as_array())
      if (item.is_string())
        out.push_back(item.as_string());
  return out;
}

void apply_suppressions(const Value &root, std::vector<Diagnostic> &findings) {
  if (!root.is_object())
    return;
  auto global = ignore_checks_in(root.find("Metadata"));
  const Value *resources = root.find("Resources");
  std::erase_if(findings, [&](const Diagnostic &d) {
    for (const auto &g : global)
      if (matches_check(d.rule, g))
        return true;
    if (resources && resources->is_object() && d.path.rfind("Resources/", 0) == 0) {
      std::string_view rest = std::string_view(d.path).substr(10);
      std::string_view id = rest.substr(0, rest.find('/'));
      const Value *res = resources->find(id);
      if (res && res->is_object())
        for (const auto &local : ignore_checks_in(res->find("Metadata")))
          if (matches_check(d.rule, local))
            return true;
    }
    return false;
  });
}

} // namespace cfnlocal::validate
