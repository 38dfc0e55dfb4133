#include "transforms/sam/context.h"

namespace cfnlocal::transforms::sam {} // namespace cfnlocal::transforms::sam
#include "transforms/sam/event_sources.h"
namespace cfnlocal::transforms::sam {} // namespace cfnlocal::transforms::sam
namespace cfnlocal::transforms::sam {} // namespace cfnlocal::transforms::sam
