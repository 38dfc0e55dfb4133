#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {

void translate_application(Context &, const std::string &, const Json &) {}
} // namespace cfnlocal::transforms::sam
#include "transforms/sam/event_sources.h"
namespace cfnlocal::transforms::sam {} // namespace cfnlocal::transforms::sam
namespace cfnlocal::transforms::sam {} // namespace cfnlocal::transforms::sam
