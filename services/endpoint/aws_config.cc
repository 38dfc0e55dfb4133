#include "services/endpoint/aws_config.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cfnlocal::services::endpoint {

namespace {
std::string trim(const std::string &s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos)
    return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::optional<IniFile> read_ini(const std::string &path) {
  if (path.empty())
    return std::nullopt;
  std::ifstream in(path);
  if (!in)
    return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return parse_ini(text.str());
}

const std::map<std::string, std::string> *section(const IniFile &ini, const std::string &name) {
  auto it = ini.find(name);
  return it == ini.end() ? nullptr : &it->second;
}

std::optional<Credentials> credentials_in(const std::map<std::string, std::string> *s) {
  if (!s)
    return std::nullopt;
  auto id = s->find("aws_access_key_id");
  auto secret = s->find("aws_secret_access_key");
  if (id == s->end() || secret == s->end() || id->second.empty())
    return std::nullopt;
  Credentials c{id->second, secret->second, {}};
  if (auto token = s->find("aws_session_token"); token != s->end())
    c.session_token = token->second;
  return c;
}

/// The config file names profiles "[profile NAME]" except the default one ("[default]").
const std::map<std::string, std::string> *config_section(const IniFile &ini,
                                                         const std::string &profile) {
  if (const auto *s = section(ini, "profile " + profile))
    return s;
  return section(ini, profile);
}
} // namespace

EnvLookup process_environment() {
  return [](const char *name) -> std::optional<std::string> {
    const char *v = std::getenv(name);
    if (!v || !*v)
      return std::nullopt;
    return std::string(v);
  };
}

IniFile parse_ini(const std::string &text) {
  IniFile out;
  std::istringstream in(text);
  std::string line;
  std::string current;
  bool have_section = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ' || line[0] == '\t') // nested settings ("s3 =\n  x = y")
      continue;
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';')
      continue;
    if (t.front() == '[' && t.back() == ']') {
      current = trim(t.substr(1, t.size() - 2));
      out[current];
      have_section = true;
      continue;
    }
    size_t eq = t.find('=');
    if (!have_section || eq == std::string::npos)
      continue;
    std::string key = trim(t.substr(0, eq));
    for (auto &c : key)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out[current][key] = trim(t.substr(eq + 1));
  }
  return out;
}

std::string credentials_file_path(const EnvLookup &env) {
  if (auto p = env("AWS_SHARED_CREDENTIALS_FILE"))
    return *p;
  if (auto home = env("HOME"))
    return *home + "/.aws/credentials";
  return {};
}

std::string config_file_path(const EnvLookup &env) {
  if (auto p = env("AWS_CONFIG_FILE"))
    return *p;
  if (auto home = env("HOME"))
    return *home + "/.aws/config";
  return {};
}

std::string profile_name(const EnvLookup &env) {
  if (auto p = env("AWS_PROFILE"))
    return *p;
  return "default";
}

std::optional<Credentials> resolve_credentials(const EnvLookup &env) {
  auto id = env("AWS_ACCESS_KEY_ID");
  auto secret = env("AWS_SECRET_ACCESS_KEY");
  if (id && secret)
    return Credentials{*id, *secret, env("AWS_SESSION_TOKEN").value_or("")};
  std::string profile = profile_name(env);
  if (auto ini = read_ini(credentials_file_path(env)))
    if (auto c = credentials_in(section(*ini, profile)))
      return c;
  if (auto ini = read_ini(config_file_path(env)))
    if (auto c = credentials_in(config_section(*ini, profile)))
      return c;
  return std::nullopt;
}

std::optional<std::string> resolve_region(const EnvLookup &env) {
  if (auto r = env("AWS_REGION"))
    return r;
  if (auto r = env("AWS_DEFAULT_REGION"))
    return r;
  if (auto ini = read_ini(config_file_path(env)))
    if (const auto *s = config_section(*ini, profile_name(env)))
      if (auto it = s->find("region"); it != s->end() && !it->second.empty())
        return it->second;
  return std::nullopt;
}

} // namespace cfnlocal::services::endpoint
