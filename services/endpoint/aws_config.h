#pragma once
/// \file
/// Credentials and region as the AWS CLI and SDKs find them
/// (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html and
/// .../guide/environment-variables.html): environment first, then the shared credentials and
/// config files for the profile AWS_PROFILE (else "default").

#include "services/endpoint/sigv4.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace cfnlocal::services::endpoint {

/// Reads an environment variable; nullopt when unset or empty. Swappable for tests.
using EnvLookup = std::function<std::optional<std::string>(const char *name)>;
/// The process environment (std::getenv).
EnvLookup process_environment();

/// Sections of an INI file as the shared files use them: section name -> key -> value. Keys are
/// lowercased; section names are kept as written ("default", "profile dev"). Lines starting with
/// '#' or ';' are comments; indented lines (nested s3 settings) are skipped.
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
IniFile parse_ini(const std::string &text);

/// The shared files' locations: AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else
/// ~/.aws/credentials and ~/.aws/config ($HOME).
std::string credentials_file_path(const EnvLookup &env);
std::string config_file_path(const EnvLookup &env);

/// The profile to read: AWS_PROFILE, else "default".
std::string profile_name(const EnvLookup &env);

/// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN); else the profile's
/// aws_access_key_id / aws_secret_access_key / aws_session_token in the credentials file
/// ([name]), then in the config file ([profile name], or [default]). nullopt when none has a
/// key pair.
std::optional<Credentials> resolve_credentials(const EnvLookup &env);

/// AWS_REGION, else AWS_DEFAULT_REGION, else the profile's `region` in the config file;
/// nullopt when none says.
std::optional<std::string> resolve_region(const EnvLookup &env);

} // namespace cfnlocal::services::endpoint
