#include "transforms/language_extensions/language_extensions.h"

#include "transforms/language_extensions/detail.h"

namespace cfnlocal::transforms::language_extensions {

Value apply(const Value &tmpl, const TransformOptions &options) {
  // Collections resolve against the template as written (parameters, mappings); the functions
  // of the second pass against the expanded one, whose Conditions and Resources loops produced.
  StaticValues written(tmpl, options);
  Value expanded = detail::expand_loops(tmpl, written);
  StaticValues values(expanded, options);
  return detail::resolve_functions(expanded, values);
}

} // namespace cfnlocal::transforms::language_extensions
