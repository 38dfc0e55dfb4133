#include "planner/references.h"

#include "intrinsics/references.h"
#include "intrinsics/template_index.h"

namespace cfnlocal::planner {

const char *reference_kind_name(Reference::Kind kind) {
  switch (kind) {
  case Reference::Kind::Ref:
    return "Ref";
  case Reference::Kind::GetAtt:
    return "Fn::GetAtt";
  case Reference::Kind::Sub:
  case Reference::Kind::SubGetAtt:
    return "Fn::Sub";
  case Reference::Kind::DependsOn:
    return "DependsOn";
  }
  return "";
}

std::vector<Reference> find_references(const Value &value,
                                       const intrinsics::ConditionValues *conditions) {
  // Targets are classified by the caller (the graph knows its resources), so an empty index is
  // enough here.
  static const Value empty_root = Value::object();
  static const intrinsics::TemplateIndex empty_index(empty_root);
  intrinsics::ReferenceOptions options;
  options.conditions = conditions;
  options.include_conditions = false;
  std::vector<Reference> out;
  for (auto &r : intrinsics::find_references(value, empty_index, options)) {
    Reference ref;
    switch (r.via) {
    case intrinsics::Reference::Via::Ref:
      ref.kind = Reference::Kind::Ref;
      break;
    case intrinsics::Reference::Via::GetAtt:
      ref.kind = Reference::Kind::GetAtt;
      break;
    case intrinsics::Reference::Via::Sub:
      ref.kind = r.attribute.empty() ? Reference::Kind::Sub : Reference::Kind::SubGetAtt;
      break;
    case intrinsics::Reference::Via::Condition:
      continue;
    }
    ref.target = std::move(r.target);
    ref.attribute = std::move(r.attribute);
    ref.mark = std::move(r.mark);
    out.push_back(std::move(ref));
  }
  return out;
}

std::vector<Reference> find_references(const Value &value, const ConditionValues *conditions) {
  if (!conditions)
    return find_references(value, static_cast<const intrinsics::ConditionValues *>(nullptr));
  intrinsics::ConditionValues converted;
  for (const auto &[name, holds] : *conditions)
    converted.set(name, holds);
  return find_references(value, &converted);
}

} // namespace cfnlocal::planner
