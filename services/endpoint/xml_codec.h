#pragma once
/// \file
/// XML bodies of the query, ec2 and rest-xml protocols (libxml2): writing a value of a shape as
/// an element tree, and reading an element tree back into the seam's JSON by its shape.
/// Element naming follows botocore: locationName, "member"/"entry"/"key"/"value" wrappers,
/// flattened lists and maps without wrappers.

#include "services/endpoint/shape_values.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct _xmlDoc;
struct _xmlNode;

namespace cfnlocal::services::endpoint {

/// A parsed XML document (owned).
class XmlDocument {
public:
  /// Parses `text` (no network, no entity expansion); nullopt when it is not well-formed XML.
  static std::optional<XmlDocument> parse(std::string_view text);
  XmlDocument(XmlDocument &&) noexcept;
  XmlDocument &operator=(XmlDocument &&) noexcept;
  ~XmlDocument();
  _xmlNode *root() const;

private:
  explicit XmlDocument(_xmlDoc *doc) : doc_(doc) {}
  _xmlDoc *doc_ = nullptr;
};

/// An element's local name (no namespace prefix).
std::string element_name(const _xmlNode *node);
/// An element's text content.
std::string element_text(const _xmlNode *node);
/// The element children of `node` named `name` (all element children when `name` is empty).
std::vector<_xmlNode *> child_elements(const _xmlNode *node, std::string_view name = {});
/// The first element named `name` at or below `node` (depth-first), or nullptr.
_xmlNode *find_element(_xmlNode *node, std::string_view name);

/// Reads `node` as a value of `shape` (`ref` the member reference that led to it, or nullptr).
/// Structure members with an HTTP location (header, statusCode, ...) are skipped: they do not
/// travel in the body.
Json xml_to_json(const ServiceModel &model, const _xmlNode *node, const ModelJson &shape,
                 const ModelJson *ref = nullptr);

/// Writes `value` of `shape` as a document whose root element is `root_name`, with the default
/// namespace `xmlns` when not empty. Structure members with an HTTP location are skipped.
std::string json_to_xml(const ServiceModel &model, const Json &value, const ModelJson &shape,
                        const std::string &root_name, const std::string &xmlns);

} // namespace cfnlocal::services::endpoint
