#include "transforms/sam/function_parts.h"

namespace cfnlocal::transforms::sam {

void add_function_extras(Context &ctx, const std::string &id, const Json &resource,
                         const Json &props, FunctionTarget &target) {}

} // namespace cfnlocal::transforms::sam
