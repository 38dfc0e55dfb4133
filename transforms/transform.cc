#include "transforms/transform.h"

#include "parser/json.h"
#include "transforms/sam/sam.h"

namespace cfnlocal::transforms {

bool declares_transform(const Value &tmpl, std::string_view name) {
  const Value *t = tmpl.find("Transform");
  if (!t)
    return false;
  if (t->is_string())
    return t->as_string() == name;
  if (t->is_array())
    for (const auto &x : t->as_array())
      if (x.is_string() && x.as_string() == name)
        return true;
  return false;
}

Value apply_transforms(const Value &tmpl, const TransformOptions &options) {
  if (!options.always_sam && !declares_transform(tmpl, kSamTransform))
    return tmpl;
  sam::SamOptions sam_options;
  sam_options.region = options.region;
  sam_options.parameters = options.parameter_overrides;
  try {
    return from_json(sam::translate(to_json(tmpl), sam_options), tmpl.mark());
  } catch (const sam::SamError &e) {
    throw TransformError(e.what(), tmpl.mark());
  }
}

} // namespace cfnlocal::transforms
