#pragma once
/// \file
/// Hashing that lets string-keyed maps be searched with a std::string_view (no temporary string per
/// lookup: evaluation looks names up for every Ref of every resource).

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cfnlocal::intrinsics {

/// Transparent hash for std::string keys.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// An unordered_map from std::string searchable by std::string_view.
template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

} // namespace cfnlocal::intrinsics
