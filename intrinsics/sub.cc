#include "intrinsics/sub.h"

#include "parser/diagnostic.h"

namespace cfnlocal::intrinsics {

bool is_valid_sub_variable(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == ':';
    if (!ok)
      return false;
  }
  return true;
}

std::vector<SubPart> parse_sub(std::string_view text, const Mark &mark) {
  std::vector<SubPart> parts;
  auto add_literal = [&](std::string_view s, size_t offset) {
    if (s.empty())
      return;
    if (!parts.empty() && parts.back().kind == SubPart::Kind::Literal)
      parts.back().text.append(s);
    else
      parts.push_back({SubPart::Kind::Literal, std::string(s), offset});
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("${", pos);
    if (open == std::string_view::npos) {
      add_literal(text.substr(pos), pos);
      break;
    }
    add_literal(text.substr(pos, open - pos), pos);
    size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) {
      add_literal(text.substr(open), open);
      break;
    }
    std::string_view inner = text.substr(open + 2, close - open - 2);
    if (!inner.empty() && inner.front() == '!') {
      // ${!Literal} writes "${Literal}" verbatim.
      add_literal("${", open);
      add_literal(inner.substr(1), open);
      add_literal("}", open);
    } else {
      // CloudFormation reads "${ Name }" as "${Name}".
      size_t b = inner.find_first_not_of(" \t");
      size_t e = inner.find_last_not_of(" \t");
      inner = b == std::string_view::npos ? std::string_view() : inner.substr(b, e - b + 1);
      if (!is_valid_sub_variable(inner))
        throw Error("Template error: variable names in Fn::Sub syntax must contain only "
                    "alphanumeric characters, underscores, periods, and colons (found \"${" +
                        std::string(inner) + "}\")",
                    mark);
      parts.push_back({SubPart::Kind::Variable, std::string(inner), open});
    }
    pos = close + 1;
  }
  return parts;
}

std::string escape_sub_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (true) {
    size_t open = text.find("${", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      return out;
    }
    out.append(text.substr(pos, open - pos));
    // Without a closing brace the "${" is literal already; escaping it would add a stray '!'.
    bool closed = text.find('}', open + 2) != std::string_view::npos;
    out.append(closed ? "${!" : "${");
    pos = open + 2;
  }
}

std::pair<std::string_view, std::string_view> split_sub_variable(std::string_view name) {
  size_t dot = name.find('.');
  if (dot == std::string_view::npos)
    return {name, {}};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

} // namespace cfnlocal::intrinsics
