#include "parser/mark.h"

#include <fmt/format.h>

namespace cfnlocal {

const std::string &Mark::file_name() const {
  static const std::string empty;
  return file ? *file : empty;
}

std::string Mark::str() const {
  if (!known())
    return file_name();
  if (file_name().empty())
    return fmt::format("{}:{}", line, column);
  return fmt::format("{}:{}:{}", file_name(), line, column);
}

} // namespace cfnlocal
