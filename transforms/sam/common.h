#pragma once
/// \file
/// Shared vocabulary of the SAM transform: the JSON tree it works on, the errors the SAM
/// translator reports (their wording is part of the contract), and small builders for
/// CloudFormation snippets (Ref, Fn::GetAtt, Fn::Sub).

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::transforms::sam {

/// Object members keep their order, as the translator writes them.
using Json = nlohmann::ordered_json;

/// "Resource with id [ID] is invalid. MESSAGE" in the translator's document error.
struct InvalidResource {
  std::string logical_id;
  std::string message;
};

/// "Event with id [ID] is invalid. MESSAGE"; the caller wraps it into its resource's error.
struct InvalidEvent {
  std::string event_id;
  std::string message;
};

/// "Structure of the SAM template is invalid. MESSAGE".
struct InvalidTemplate {
  std::string message;
};

/// A message reported without any prefix (the translator's plain document errors).
struct InvalidDocumentCause {
  std::string message;
  std::string key = {}; ///< sorts the cause among the others (default: the message)
};

/// True for `{"Ref": ...}`, `{"Fn::X": ...}` and `{"Condition": ...}` shapes (one member).
bool is_intrinsic(const Json &v);
/// True for `{"Ref": ...}`.
bool is_ref(const Json &v);

Json make_ref(std::string_view id);
Json make_getatt(std::string_view id, std::string_view attribute);
Json make_sub(std::string_view text);
Json make_sub(std::string_view text, Json variables);

/// The Python type name the translator uses in messages ("dict", "list", "str", "int", ...).
std::string python_type_name(const Json &v);

/// A member or a null JSON (never inserts).
const Json &get(const Json &obj, std::string_view key);
/// Whether an object has the member.
bool has(const Json &obj, std::string_view key);

/// JSON text of a value as Python's json.dumps writes it (", " and ": " separators, sorted keys
/// when `sort_keys`); used where the translator hashes or prints values.
std::string python_json(const Json &v, bool sort_keys);

/// Equality of JSON values regardless of the order of object members (as Python's dict equality).
bool same_json(const Json &a, const Json &b);

/// json.dumps(v, indent=indent, sort_keys=True) as Python writes it.
std::string python_json_indented(const Json &v, int indent);

/// Python's str() of a value (dicts as `{'a': 1}`, True/False/None), used in some messages.
std::string python_repr(const Json &v);

/// The 10 hex digits the translator appends to generated logical IDs derived from data (domain
/// names, hosted zones): SHA-1 of the string itself, or of the compact sorted JSON of other values.
std::string logical_id_hash(const Json &data);

/// Lower-case hex SHA-1 of `text`.
std::string sha1_hex(std::string_view text);

/// Logical IDs are alphanumeric; the translator checks generated IDs the same way.
bool is_alnum_id(std::string_view id);

} // namespace cfnlocal::transforms::sam
