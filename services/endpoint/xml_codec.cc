#include "services/endpoint/xml_codec.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

namespace cfnlocal::services::endpoint {

namespace {
const xmlChar *X(const std::string &s) { return reinterpret_cast<const xmlChar *>(s.c_str()); }

bool has_location(const ModelJson &ref) { return ref.contains("location"); }

void write_value(const ServiceModel &model, xmlNodePtr parent, const std::string &name,
                 const Json &value, const ModelJson &shape, const ModelJson *ref);

void write_members(const ServiceModel &model, xmlNodePtr node, const Json &value,
                   const ModelJson &shape) {
  auto members = shape.find("members");
  if (members == shape.end() || !value.is_object())
    return;
  for (const auto &[member, mref] : members->items()) {
    auto it = value.find(member);
    if (it == value.end() || it->is_null() || has_location(mref))
      continue;
    const ModelJson &mshape = model.resolve(mref);
    std::string name = wire_name(mref, member);
    if (mref.value("xmlAttribute", false)) {
      xmlNewProp(node, X(name), X(scalar_text(*it, mshape, TimeFormat::Iso8601)));
      continue;
    }
    write_value(model, node, name, *it, mshape, &mref);
  }
}

void write_value(const ServiceModel &model, xmlNodePtr parent, const std::string &name,
                 const Json &value, const ModelJson &shape, const ModelJson *ref) {
  std::string type = shape_type(shape);
  if (type == "structure") {
    xmlNodePtr node = xmlNewChild(parent, nullptr, X(name), nullptr);
    write_members(model, node, value, shape);
  } else if (type == "list") {
    const ModelJson &mref = shape["member"];
    const ModelJson &mshape = model.resolve(mref);
    bool flat = is_flattened(ref ? *ref : ModelJson::object(), shape);
    xmlNodePtr list = flat ? parent : xmlNewChild(parent, nullptr, X(name), nullptr);
    std::string item = flat ? name : wire_name(mref, "member");
    if (value.is_array())
      for (const auto &v : value)
        write_value(model, list, item, v, mshape, &mref);
  } else if (type == "map") {
    const ModelJson &kref = shape["key"], &vref = shape["value"];
    const ModelJson &kshape = model.resolve(kref), &vshape = model.resolve(vref);
    bool flat = is_flattened(ref ? *ref : ModelJson::object(), shape);
    xmlNodePtr map = flat ? parent : xmlNewChild(parent, nullptr, X(name), nullptr);
    if (value.is_object())
      for (const auto &[k, v] : value.items()) {
        xmlNodePtr entry =
            xmlNewChild(map, nullptr, X(flat ? name : std::string("entry")), nullptr);
        write_value(model, entry, wire_name(kref, "key"), Json(k), kshape, &kref);
        write_value(model, entry, wire_name(vref, "value"), v, vshape, &vref);
      }
  } else {
    xmlNewTextChild(parent, nullptr, X(name),
                    X(scalar_text(value, shape, time_format(ref, shape, TimeFormat::Iso8601))));
  }
}

/// The list items of a non-flattened list element: children named as the member reference says
/// ("member", "item", ...), or every element child when none is so named.
std::vector<xmlNodePtr> list_items(const xmlNode *node, const ModelJson &mref) {
  auto items = child_elements(node, wire_name(mref, "member"));
  if (items.empty())
    items = child_elements(node);
  return items;
}

Json map_entry_into(const ServiceModel &model, const xmlNode *entry, const ModelJson &shape,
                    Json &out) {
  const ModelJson &kref = shape["key"], &vref = shape["value"];
  auto keys = child_elements(entry, wire_name(kref, "key"));
  auto values = child_elements(entry, wire_name(vref, "value"));
  if (!keys.empty())
    out[element_text(keys.front())] =
        values.empty() ? Json() : xml_to_json(model, values.front(), model.resolve(vref), &vref);
  return out;
}
} // namespace

std::optional<XmlDocument> XmlDocument::parse(std::string_view text) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "response.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc)
    return std::nullopt;
  if (!xmlDocGetRootElement(doc)) {
    xmlFreeDoc(doc);
    return std::nullopt;
  }
  return XmlDocument(doc);
}

XmlDocument::XmlDocument(XmlDocument &&other) noexcept : doc_(other.doc_) { other.doc_ = nullptr; }
XmlDocument &XmlDocument::operator=(XmlDocument &&other) noexcept {
  std::swap(doc_, other.doc_);
  return *this;
}
XmlDocument::~XmlDocument() {
  if (doc_)
    xmlFreeDoc(doc_);
}
xmlNode *XmlDocument::root() const { return xmlDocGetRootElement(doc_); }

std::string element_name(const xmlNode *node) {
  return node && node->name ? reinterpret_cast<const char *>(node->name) : "";
}

std::string element_text(const xmlNode *node) {
  xmlChar *content = xmlNodeGetContent(node);
  std::string out = content ? reinterpret_cast<const char *>(content) : "";
  xmlFree(content);
  return out;
}

std::vector<xmlNode *> child_elements(const xmlNode *node, std::string_view name) {
  std::vector<xmlNode *> out;
  if (!node)
    return out;
  for (xmlNode *c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && (name.empty() || element_name(c) == name))
      out.push_back(c);
  return out;
}

xmlNode *find_element(xmlNode *node, std::string_view name) {
  if (!node)
    return nullptr;
  if (node->type == XML_ELEMENT_NODE && element_name(node) == name)
    return node;
  for (xmlNode *c = node->children; c; c = c->next)
    if (xmlNode *found = find_element(c, name))
      return found;
  return nullptr;
}

Json xml_to_json(const ServiceModel &model, const xmlNode *node, const ModelJson &shape,
                 const ModelJson *ref) {
  std::string type = shape_type(shape);
  if (type == "structure") {
    Json out = Json::object();
    auto members = shape.find("members");
    if (members == shape.end())
      return out;
    for (const auto &[member, mref] : members->items()) {
      if (has_location(mref))
        continue;
      std::string name = wire_name(mref, member);
      const ModelJson &mshape = model.resolve(mref);
      if (mref.value("xmlAttribute", false)) {
        if (xmlChar *attr = xmlGetProp(const_cast<xmlNode *>(node), X(name))) {
          out[member] = scalar_from_text(reinterpret_cast<const char *>(attr), mshape);
          xmlFree(attr);
        }
        continue;
      }
      std::string mtype = shape_type(mshape);
      auto found = child_elements(node, name);
      if (found.empty())
        continue;
      if (mtype == "list" && is_flattened(mref, mshape)) {
        Json items = Json::array();
        const ModelJson &iref = mshape["member"];
        for (const xmlNode *f : found)
          items.push_back(xml_to_json(model, f, model.resolve(iref), &iref));
        out[member] = std::move(items);
      } else if (mtype == "map" && is_flattened(mref, mshape)) {
        Json map = Json::object();
        for (const xmlNode *f : found)
          map_entry_into(model, f, mshape, map);
        out[member] = std::move(map);
      } else {
        out[member] = xml_to_json(model, found.front(), mshape, &mref);
      }
    }
    return out;
  }
  if (type == "list") {
    Json items = Json::array();
    const ModelJson &iref = shape["member"];
    for (const xmlNode *item : list_items(node, iref))
      items.push_back(xml_to_json(model, item, model.resolve(iref), &iref));
    return items;
  }
  if (type == "map") {
    Json map = Json::object();
    for (const xmlNode *entry : child_elements(node, "entry"))
      map_entry_into(model, entry, shape, map);
    return map;
  }
  return scalar_from_text(element_text(node), shape);
}

std::string json_to_xml(const ServiceModel &model, const Json &value, const ModelJson &shape,
                        const std::string &root_name, const std::string &xmlns) {
  xmlDocPtr doc = xmlNewDoc(X("1.0"));
  xmlNodePtr root = xmlNewNode(nullptr, X(root_name));
  xmlDocSetRootElement(doc, root);
  if (!xmlns.empty())
    xmlNewNs(root, X(xmlns), nullptr);
  if (shape_type(shape) == "structure")
    write_members(model, root, value, shape);
  xmlChar *buffer = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &buffer, &size, "UTF-8");
  std::string out(reinterpret_cast<char *>(buffer), static_cast<size_t>(size));
  xmlFree(buffer);
  xmlFreeDoc(doc);
  return out;
}

} // namespace cfnlocal::services::endpoint
