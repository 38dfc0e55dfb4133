#include "schema/registry.h"

#include "parser/diagnostic.h"
#include "schema/bundle_data.h"

#include <algorithm>
#include <charconv>
#include <mutex>

namespace cfnlocal::schema {

struct Registry::Entry {
  std::string_view name;
  size_t offset = 0;
  size_t length = 0;
  mutable std::once_flag once;
  mutable std::unique_ptr<ResourceType> type;
};

namespace {

constexpr std::string_view kMagic = "CFNLOCAL-SCHEMA-BUNDLE 1\n";
constexpr std::string_view kCustomResource = "AWS::CloudFormation::CustomResource";

// Reads one '\n'-terminated line at `pos`, advancing it.
std::string_view next_line(std::string_view bytes, size_t &pos) {
  size_t end = bytes.find('\n', pos);
  if (end == std::string_view::npos) {
    throw Error("schema bundle: truncated index");
  }
  std::string_view line = bytes.substr(pos, end - pos);
  pos = end + 1;
  return line;
}

size_t parse_size(std::string_view text) {
  size_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw Error("schema bundle: bad number '" + std::string(text) + "' in index");
  }
  return value;
}

} // namespace

Registry::~Registry() = default;

const Registry &Registry::builtin() {
  static const std::unique_ptr<Registry> registry = from_bundle(bundle_bytes());
  return *registry;
}

std::unique_ptr<Registry> Registry::from_bundle(std::string_view bytes) {
  if (!bytes.starts_with(kMagic)) {
    throw Error("schema bundle: missing CFNLOCAL-SCHEMA-BUNDLE 1 header");
  }
  size_t pos = kMagic.size();
  size_t count = parse_size(next_line(bytes, pos));
  std::unique_ptr<Registry> registry(new Registry());
  registry->entries_ = std::make_unique<Entry[]>(count);
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    std::string_view line = next_line(bytes, pos);
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) {
      throw Error("schema bundle: bad index line '" + std::string(line) + "'");
    }
    std::string_view name = line.substr(0, tab1);
    if (name == kCustomResource) {
      continue; // a custom resource has no schema CloudFormation validates against
    }
    Entry &e = registry->entries_[kept++];
    e.name = name;
    e.offset = parse_size(line.substr(tab1 + 1, tab2 - tab1 - 1));
    e.length = parse_size(line.substr(tab2 + 1));
  }
  if (next_line(bytes, pos) != "") {
    throw Error("schema bundle: index not terminated by an empty line");
  }
  registry->payload_ = bytes.substr(pos);
  registry->count_ = kept;
  for (size_t i = 0; i < kept; ++i) {
    const Entry &e = registry->entries_[i];
    if (e.offset + e.length > registry->payload_.size() ||
        (i > 0 && !(registry->entries_[i - 1].name < e.name))) {
      throw Error("schema bundle: index entry for " + std::string(e.name) +
                  " out of range or out of order");
    }
  }
  return registry;
}

bool Registry::is_custom_resource(std::string_view type_name) {
  return type_name.starts_with("Custom::") || type_name == kCustomResource;
}

const Registry::Entry *Registry::entry(std::string_view type_name) const {
  const Entry *begin = entries_.get();
  const Entry *end = begin + count_;
  const Entry *it = std::lower_bound(begin, end, type_name,
                                     [](const Entry &e, std::string_view n) { return e.name < n; });
  return it != end && it->name == type_name ? it : nullptr;
}

const ResourceType *Registry::find(std::string_view type_name) const {
  const Entry *e = entry(type_name);
  if (e == nullptr) {
    return nullptr;
  }
  std::call_once(e->once, [&] {
    std::string_view text = payload_.substr(e->offset, e->length);
    Json json;
    try {
      json = Json::parse(text);
    } catch (const Json::exception &err) {
      throw Error("schema bundle: schema of " + std::string(e->name) +
                  " is not JSON: " + err.what());
    }
    e->type = std::make_unique<ResourceType>(std::move(json));
  });
  return e->type.get();
}

bool Registry::contains(std::string_view type_name) const { return entry(type_name) != nullptr; }

std::vector<std::string_view> Registry::type_names() const {
  std::vector<std::string_view> names;
  names.reserve(count_);
  for (size_t i = 0; i < count_; ++i) {
    names.push_back(entries_[i].name);
  }
  return names;
}

size_t Registry::size() const { return count_; }

} // namespace cfnlocal::schema
