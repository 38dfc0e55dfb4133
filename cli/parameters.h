#pragma once
/// \file
/// Parsing the parameter arguments `aws cloudformation` verbs take: `--parameter-overrides K=V`
/// and `--parameters file` ([{"ParameterKey":..,"ParameterValue":..}]), and `--tags K=V`.

#include <map>
#include <string>
#include <vector>

namespace cfnlocal::cli {

/// "K=V" items into a map; throws cfnlocal::Error naming `option` for an item without "=".
std::map<std::string, std::string> parse_key_values(const std::vector<std::string> &items,
                                                    const std::string &option);

/// Values from a --parameters JSON file (may be empty: none) merged with --parameter-overrides,
/// which win. Throws cfnlocal::Error for an unreadable file or a wrong shape.
std::map<std::string, std::string> parse_parameters(const std::vector<std::string> &overrides,
                                                    const std::string &parameters_file);

} // namespace cfnlocal::cli
