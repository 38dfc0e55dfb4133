#pragma once
/// \file
/// JSON text encodings of the record fields kept in one column (internal to state/).

#include "state/records.h"

#include <string>
#include <vector>

namespace cfnlocal::state::codec {

std::string encode(const std::vector<StackParameter> &parameters);
std::vector<StackParameter> decode_parameters(const std::string &text);
std::string encode(const std::vector<std::string> &strings);
std::vector<std::string> decode_strings(const std::string &text);
std::string encode(const std::vector<Tag> &tags);
std::vector<Tag> decode_tags(const std::string &text);
std::string encode(const std::vector<StackOutput> &outputs);
std::vector<StackOutput> decode_outputs(const std::string &text);
/// Null JSON for empty text, else the parsed value.
Json decode_json(const std::string &text);

} // namespace cfnlocal::state::codec
