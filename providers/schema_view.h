#pragma once
/// \file
/// Reading a registry schema document ("Resource type schema", CloudFormation CLI User Guide):
/// JSON pointers such as "/properties/Endpoint/Address" resolved to the sub-schema they name
/// (following "$ref": "#/definitions/..." and array "items"), and the same pointers applied to a
/// resource model.

#include "parser/json.h"
#include "parser/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {

/// The property path of a pointer: "/properties/Endpoint/Address" -> {"Endpoint", "Address"}.
/// Segments "*" (array items) are kept. Escapes "~1" and "~0" are decoded.
std::vector<std::string> pointer_path(std::string_view pointer);

/// Follows "$ref" chains ("#/definitions/Name") inside `root`; returns `node` itself when it has
/// no $ref, nullptr when the target is missing.
const Json *resolve_ref(const Json &root, const Json &node);

/// The sub-schema a property path names in `root` (a registry schema document), descending
/// through "properties", "$ref" and array "items" (and the first branch of oneOf/anyOf that
/// has the property). nullptr when it does not exist.
const Json *subschema(const Json &root, const std::vector<std::string> &path);

/// The node at `path` in a model object; nullptr when absent (arrays are not descended).
const Value *model_at(const Value &model, const std::vector<std::string> &path);
/// Sets the node at `path` in `model`, creating objects on the way. Does nothing when a node on
/// the way exists and is not an object.
void set_model_at(Value &model, const std::vector<std::string> &path, Value value);

/// The schema's list of pointers under `key` ("readOnlyProperties", "primaryIdentifier", ...),
/// empty when absent.
std::vector<std::string> pointer_list(const Json &schema, std::string_view key);

/// The JSON "type" of a sub-schema as one name ("string", "integer", "number", "boolean",
/// "array", "object"); the first of a list; "" when none (after resolving $ref).
std::string schema_type(const Json &root, const Json &node);

} // namespace cfnlocal::providers
