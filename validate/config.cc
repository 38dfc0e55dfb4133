#include "validate/config.h"

#include "parser/reader.h"

#include <algorithm>
#include <filesystem>
#include <fnmatch.h>

namespace cfnlocal::validate {

namespace fs = std::filesystem;

namespace {
std::vector<std::string> strings(const Value &v, const std::string &key) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.as_string());
    return out;
  }
  if (!v.is_array())
    throw Error(key + " must be a string or a list of strings", v.mark());
  for (const auto &item : v.as_array()) {
    auto s = item.scalar_string();
    if (!s || !item.is_scalar() || item.is_null())
      throw Error(key + " must be a list of strings", item.mark());
    out.push_back(*s);
  }
  return out;
}

std::string strip_dot(std::string s) {
  while (s.rfind("./", 0) == 0)
    s = s.substr(2);
  return s;
}

bool has_glob(const std::string &s) { return s.find_first_of("*?[") != std::string::npos; }

bool template_extension(const fs::path &p) {
  std::string e = p.extension().string();
  return e == ".yaml" || e == ".yml" || e == ".json" || e == ".template";
}
} // namespace

ProjectConfig read_config(const std::string &path) {
  Value root = read_document_file(path);
  if (!root.is_object())
    throw Error("the configuration file must be a map", root.mark());
  ProjectConfig c;
  c.path = path;
  for (const auto &m : root.as_object()) {
    if (m.key == "templates")
      c.templates = strings(m.value, m.key);
    else if (m.key == "ignore_templates")
      c.ignore_templates = strings(m.value, m.key);
    else if (m.key == "ignore_checks")
      c.ignore_checks = strings(m.value, m.key);
    else if (m.key == "include_checks")
      c.include_checks = strings(m.value, m.key);
    else if (m.key == "regions")
      c.regions = strings(m.value, m.key);
  }
  return c;
}

std::optional<std::string> find_config(const std::string &dir) {
  for (const char *name : {".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml"}) {
    fs::path p = fs::path(dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(p, ec))
      return p.string();
  }
  return std::nullopt;
}

bool glob_match(const std::string &pattern, const std::string &path) {
  std::string p = strip_dot(pattern), s = strip_dot(path);
  // '**' matches across directories: FNM_PATHNAME off makes '*' cross '/' too, which is what
  // cfn-lint's globbing amounts to for ignore lists.
  return fnmatch(p.c_str(), s.c_str(), 0) == 0;
}

std::vector<std::string> expand_inputs(const std::vector<std::string> &args) {
  std::vector<std::string> out;
  for (const auto &arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(arg, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && template_extension(it->path()))
          found.push_back(it->path().string());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
      continue;
    }
    if (has_glob(arg) && !fs::exists(arg, ec)) {
      // Walk from the longest literal directory prefix.
      std::string base = arg.substr(0, arg.find_first_of("*?["));
      base = base.substr(0, base.rfind('/') == std::string::npos ? 0 : base.rfind('/'));
      if (base.empty())
        base = ".";
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(base, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec))
          continue;
        std::string p = it->path().string();
        if (base == "." && arg.rfind("./", 0) != 0)
          p = strip_dot(p);
        if (glob_match(arg, p))
          found.push_back(p);
      }
      std::sort(found.begin(), found.end());
      if (!found.empty()) {
        out.insert(out.end(), found.begin(), found.end());
        continue;
      }
    }
    out.push_back(arg);
  }
  return out;
}

} // namespace cfnlocal::validate
