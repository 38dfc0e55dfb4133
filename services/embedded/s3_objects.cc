// The embedded Amazon S3: object operations (PutObject, GetObject, HeadObject, DeleteObject,
// ListObjectsV2, CopyObject), with versioning as the Amazon S3 User Guide describes it ("null"
// version ids while versioning is off or suspended; delete markers while it is enabled or
// suspended). Bytes live in files under the objects directory; records hold the metadata.
#include "services/embedded/s3_common.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <fstream>
#include <set>

namespace cfnlocal::services::embedded {

namespace s3 {
namespace {

std::string check_key(const Json &input) {
  std::string key = required_string(input, "Key");
  if (key.empty())
    constraint_error("Key", key, "have length greater than or equal to 1");
  if (key.size() > 1024)
    throw ServiceError("KeyTooLongError", "Your key is too long");
  return key;
}

std::string body_of(const Json &input) {
  auto it = input.find("Body");
  if (it == input.end() || it->is_null())
    return {};
  if (it->is_string())
    return it->get<std::string>();
  if (it->is_binary())
    return std::string(it->get_binary().begin(), it->get_binary().end());
  constraint_error("Body", *it, "be a blob (a string of bytes)");
}

std::string versioning_status(const Json &bucket) {
  return bucket.contains("Versioning") ? bucket["Versioning"].value("Status", "") : "";
}

std::filesystem::path write_bytes(Context &c, const std::string &bucket, const std::string &key,
                                  const std::string &bytes) {
  std::filesystem::path dir = c.objects_dir / bucket;
  std::filesystem::create_directories(dir);
  std::filesystem::path file = dir / (sha256_hex(key).substr(0, 16) + "-" + state::uuid4());
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
      throw ServiceError("InternalError",
                         fmt::format("cannot write object bytes to {}", tmp.string()), 500);
  }
  std::filesystem::rename(tmp, file);
  return file;
}

std::string read_bytes(const std::string &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ServiceError("InternalError", fmt::format("object bytes missing: {}", file), 500);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void drop_version_file(Context &c, const Json &version) {
  if (version.contains("File"))
    c.remove_after_commit.emplace_back(version["File"].get<std::string>());
}

// Removes the "null" version (the one written while versioning was off or suspended).
void drop_null_version(Context &c, Json &versions) {
  for (auto it = versions.begin(); it != versions.end(); ++it)
    if ((*it)["VersionId"] == "null") {
      drop_version_file(c, *it);
      versions.erase(it);
      return;
    }
}

Json put_object(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string name = bucket["Name"];
  std::string key = check_key(input);
  std::string bytes = body_of(input);
  std::string record_key = object_key(name, key);
  Json record = c.store.get_record(kService, "object", record_key)
                    .value_or(Json{{"Key", key}, {"Versions", Json::array()}});
  std::string status = versioning_status(bucket);
  std::string version_id = status == "Enabled" ? random_alnum(32) : "null";
  if (version_id == "null")
    drop_null_version(c, record["Versions"]);
  Json metadata = Json::object();
  if (auto m = input.find("Metadata"); m != input.end() && m->is_object())
    for (const auto &[k, v] : m->items()) {
      std::string lower;
      for (char ch : k)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      metadata[lower] = v;
    }
  std::string sse = "AES256";
  if (auto rules = bucket["Encryption"].find("Rules"); rules != bucket["Encryption"].end())
    for (const auto &r : *rules)
      if (r.contains("ApplyServerSideEncryptionByDefault"))
        sse = r["ApplyServerSideEncryptionByDefault"].value("SSEAlgorithm", "AES256");
  if (auto requested = optional_string(input, "ServerSideEncryption"))
    sse = *requested;
  Json version = {
      {"VersionId", version_id},
      {"Size", bytes.size()},
      {"ETag", "\"" + md5_hex(bytes) + "\""},
      {"LastModified", state::now_iso8601()},
      {"ContentType", optional_string(input, "ContentType").value_or("binary/octet-stream")},
      {"Metadata", metadata},
      {"StorageClass", optional_string(input, "StorageClass").value_or("STANDARD")},
      {"ServerSideEncryption", sse},
      {"File", write_bytes(c, name, key, bytes).string()}};
  for (const char *member : {"CacheControl", "ContentDisposition", "ContentEncoding",
                             "ContentLanguage", "Expires", "WebsiteRedirectLocation"})
    if (auto v = optional_string(input, member))
      version[member] = *v;
  record["Versions"].insert(record["Versions"].begin(), version);
  c.store.put_record(kService, "object", record_key, record);
  Json out = {{"ETag", version["ETag"]}, {"ServerSideEncryption", sse}};
  if (status == "Enabled")
    out["VersionId"] = version_id;
  return out;
}

// The version a read addresses: the current one, or the one named by VersionId.
Json find_version(Context &c, const Json &bucket, const std::string &key, const Json &input) {
  auto record = c.store.get_record(kService, "object", object_key(bucket["Name"], key));
  auto requested = optional_string(input, "VersionId");
  if (!record || (*record)["Versions"].empty()) {
    if (requested)
      throw ServiceError("NoSuchVersion", "The specified version does not exist.", 404);
    throw ServiceError("NoSuchKey", "The specified key does not exist.", 404);
  }
  if (!requested) {
    const Json &current = (*record)["Versions"][0];
    if (current.value("DeleteMarker", false))
      throw ServiceError("NoSuchKey", "The specified key does not exist.", 404);
    return current;
  }
  for (const auto &v : (*record)["Versions"])
    if (v["VersionId"] == *requested) {
      if (v.value("DeleteMarker", false))
        throw ServiceError("MethodNotAllowed",
                           "The specified method is not allowed against this resource.", 405);
      return v;
    }
  if (*requested != "null" && requested->size() != 32)
    throw ServiceError("InvalidArgument", "Invalid version id specified");
  throw ServiceError("NoSuchVersion", "The specified version does not exist.", 404);
}

Json object_headers(const Json &bucket, const Json &v) {
  Json out = {{"ContentLength", v["Size"]},
              {"ContentType", v["ContentType"]},
              {"ETag", v["ETag"]},
              {"LastModified", v["LastModified"]},
              {"Metadata", v["Metadata"]},
              {"ServerSideEncryption", v.value("ServerSideEncryption", "AES256")},
              {"AcceptRanges", "bytes"}};
  if (v.value("StorageClass", "STANDARD") != "STANDARD")
    out["StorageClass"] = v["StorageClass"];
  for (const char *member : {"CacheControl", "ContentDisposition", "ContentEncoding",
                             "ContentLanguage", "Expires", "WebsiteRedirectLocation"})
    if (v.contains(member))
      out[member] = v[member];
  if (bucket.contains("Versioning"))
    out["VersionId"] = v["VersionId"];
  return out;
}

Json get_object(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string key = check_key(input);
  Json v = find_version(c, bucket, key, input);
  Json out = object_headers(bucket, v);
  std::string bytes = read_bytes(v["File"]);
  if (auto range = optional_string(input, "Range")) {
    // "bytes=first-last", "bytes=first-" or "bytes=-suffix" (RFC 9110 single range).
    size_t size = bytes.size(), first = 0, last = size ? size - 1 : 0;
    std::string spec = range->starts_with("bytes=") ? range->substr(6) : "";
    size_t dash = spec.find('-');
    bool ok = dash != std::string::npos && spec.find(',') == std::string::npos;
    try {
      if (ok && dash == 0) {
        size_t suffix = std::stoull(spec.substr(1));
        first = suffix >= size ? 0 : size - suffix;
      } else if (ok) {
        first = std::stoull(spec.substr(0, dash));
        if (dash + 1 < spec.size())
          last = std::min<size_t>(std::stoull(spec.substr(dash + 1)), size ? size - 1 : 0);
      }
    } catch (...) {
      ok = false;
    }
    if (ok) {
      if (first >= size || first > last)
        throw ServiceError("InvalidRange", "The requested range is not satisfiable", 416);
      out["ContentRange"] = fmt::format("bytes {}-{}/{}", first, last, size);
      bytes = bytes.substr(first, last - first + 1);
      out["ContentLength"] = bytes.size();
    }
  }
  out["Body"] = std::move(bytes);
  return out;
}

Json head_object(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string key = check_key(input);
  try {
    return object_headers(bucket, find_version(c, bucket, key, input));
  } catch (const ServiceError &e) {
    // HEAD responses carry no body, so S3 reports only the status.
    if (e.http_status() == 404)
      throw ServiceError(e.code(), "Not Found", 404);
    throw;
  }
}

Json delete_object(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string key = check_key(input);
  std::string record_key = object_key(bucket["Name"], key);
  auto record = c.store.get_record(kService, "object", record_key);
  std::string status = versioning_status(bucket);
  Json out = Json::object();
  if (auto requested = optional_string(input, "VersionId")) {
    if (!record)
      return out;
    Json &versions = (*record)["Versions"];
    for (auto it = versions.begin(); it != versions.end(); ++it)
      if ((*it)["VersionId"] == *requested) {
        if (it->value("DeleteMarker", false))
          out["DeleteMarker"] = true;
        drop_version_file(c, *it);
        versions.erase(it);
        out["VersionId"] = *requested;
        break;
      }
  } else if (status.empty()) {
    // Versioning never enabled: the object goes away; deleting a missing key succeeds.
    if (!record)
      return out;
    drop_null_version(c, (*record)["Versions"]);
  } else {
    if (!record)
      record = Json{{"Key", key}, {"Versions", Json::array()}};
    std::string version_id = status == "Enabled" ? random_alnum(32) : "null";
    if (version_id == "null")
      drop_null_version(c, (*record)["Versions"]);
    Json marker = {
        {"VersionId", version_id}, {"DeleteMarker", true}, {"LastModified", state::now_iso8601()}};
    (*record)["Versions"].insert((*record)["Versions"].begin(), marker);
    out["DeleteMarker"] = true;
    out["VersionId"] = version_id;
  }
  if ((*record)["Versions"].empty())
    c.store.delete_record(kService, "object", record_key);
  else
    c.store.put_record(kService, "object", record_key, *record);
  return out;
}

std::string percent_decode(const std::string &text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// CopyObject (Amazon S3 API Reference): the source's bytes, and its metadata unless
// MetadataDirective is REPLACE, become a new object (or version) at Bucket/Key.
Json copy_object(Context &c, const Json &input) {
  std::string source = required_string(input, "CopySource");
  std::string version;
  if (size_t q = source.find("?versionId="); q != std::string::npos) {
    version = source.substr(q + 11);
    source.resize(q);
  }
  source = percent_decode(source);
  if (source.starts_with("/"))
    source = source.substr(1);
  size_t slash = source.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == source.size())
    throw ServiceError("InvalidArgument", "Invalid copy source object key");
  Json source_input = {{"Bucket", source.substr(0, slash)}, {"Key", source.substr(slash + 1)}};
  if (!version.empty())
    source_input["VersionId"] = version;
  Json source_bucket = load_bucket(c, source_input);
  Json v = find_version(c, source_bucket, source_input["Key"], source_input);
  std::string directive = optional_string(input, "MetadataDirective").value_or("COPY");
  if (directive != "COPY" && directive != "REPLACE")
    throw ServiceError("InvalidArgument", "Unknown metadata directive.");
  Json target = load_bucket(c, input);
  std::string key = check_key(input);
  bool same = target["Name"] == source_bucket["Name"] && key == source_input["Key"];
  if (same && directive == "COPY" && !input.contains("StorageClass") &&
      !input.contains("ServerSideEncryption") && !input.contains("WebsiteRedirectLocation"))
    throw ServiceError("InvalidRequest",
                       "This copy request is illegal because it is trying to copy an object to "
                       "itself without changing the object's metadata, storage class, website "
                       "redirect location or encryption attributes.");
  Json put = {{"Bucket", target["Name"]}, {"Key", key}, {"Body", read_bytes(v["File"])}};
  const char *kept[] = {"ContentType",     "CacheControl",    "ContentDisposition",
                        "ContentEncoding", "ContentLanguage", "Expires"};
  if (directive == "COPY") {
    put["Metadata"] = v.value("Metadata", Json::object());
    for (const char *m : kept)
      if (v.contains(m))
        put[m] = v[m];
  } else {
    for (const char *m : kept)
      if (input.contains(m))
        put[m] = input[m];
    if (input.contains("Metadata"))
      put["Metadata"] = input["Metadata"];
  }
  put["StorageClass"] = optional_string(input, "StorageClass")
                            .value_or(v.value("StorageClass", std::string("STANDARD")));
  for (const char *m : {"ServerSideEncryption", "WebsiteRedirectLocation"})
    if (input.contains(m))
      put[m] = input[m];
  Json written = put_object(c, put);
  auto record = c.store.get_record(kService, "object", object_key(target["Name"], key));
  Json out = {
      {"CopyObjectResult",
       {{"ETag", written["ETag"]}, {"LastModified", (*record)["Versions"][0]["LastModified"]}}},
      {"ServerSideEncryption", written["ServerSideEncryption"]}};
  if (written.contains("VersionId"))
    out["VersionId"] = written["VersionId"];
  if (source_bucket.contains("Versioning"))
    out["CopySourceVersionId"] = v["VersionId"];
  return out;
}

Json list_objects_v2(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string name = bucket["Name"];
  std::string prefix = optional_string(input, "Prefix").value_or("");
  std::string delimiter = optional_string(input, "Delimiter").value_or("");
  int64_t max_keys = optional_int(input, "MaxKeys").value_or(1000);
  if (max_keys < 0)
    throw ServiceError("InvalidArgument", "maxKeys should be non-negative");
  max_keys = std::min<int64_t>(max_keys, 1000);
  std::string start_after = optional_string(input, "StartAfter").value_or("");
  if (auto token = optional_string(input, "ContinuationToken")) {
    auto decoded = base64_decode(*token);
    if (!decoded)
      throw ServiceError("InvalidArgument", "The continuation token provided is incorrect");
    start_after = *decoded;
  }
  std::string record_prefix = name + "/" + prefix;
  std::string after = start_after.empty() ? "" : name + "/" + start_after;
  Json out = {{"Name", name},
              {"Prefix", prefix},
              {"MaxKeys", max_keys},
              {"Contents", Json::array()},
              {"IsTruncated", false}};
  if (!delimiter.empty())
    out["Delimiter"] = delimiter;
  if (auto token = optional_string(input, "ContinuationToken"))
    out["ContinuationToken"] = *token;
  if (auto sa = optional_string(input, "StartAfter"))
    out["StartAfter"] = *sa;
  Json common = Json::array();
  int64_t count = 0;
  std::string last_position;
  std::set<std::string> seen_prefixes;
  for (const auto &[record_key, record] :
       c.store.list_records(kService, "object", record_prefix, 0, after)) {
    const Json &current = record["Versions"][0];
    if (current.value("DeleteMarker", false))
      continue;
    std::string key = record_key.substr(name.size() + 1);
    std::string common_prefix;
    if (!delimiter.empty()) {
      size_t at = key.find(delimiter, prefix.size());
      if (at != std::string::npos)
        common_prefix = key.substr(0, at + delimiter.size());
    }
    if (!common_prefix.empty() && seen_prefixes.count(common_prefix))
      continue;
    if (count == max_keys) {
      // MaxKeys 0 asks for nothing: S3 answers an empty, untruncated page.
      if (max_keys == 0)
        break;
      out["IsTruncated"] = true;
      out["NextContinuationToken"] = base64_encode(last_position);
      break;
    }
    ++count;
    if (!common_prefix.empty()) {
      seen_prefixes.insert(common_prefix);
      common.push_back({{"Prefix", common_prefix}});
      // Past every key under this common prefix.
      last_position = common_prefix + "\xff";
    } else {
      out["Contents"].push_back({{"Key", key},
                                 {"LastModified", current["LastModified"]},
                                 {"ETag", current["ETag"]},
                                 {"Size", current["Size"]},
                                 {"StorageClass", current.value("StorageClass", "STANDARD")}});
      last_position = key;
    }
  }
  if (!common.empty())
    out["CommonPrefixes"] = common;
  out["KeyCount"] = count;
  return out;
}

} // namespace
} // namespace s3

const HandlerTable &s3_object_handlers() {
  static const HandlerTable table = {
      {"PutObject", s3::put_object},          {"GetObject", s3::get_object},
      {"HeadObject", s3::head_object},        {"DeleteObject", s3::delete_object},
      {"ListObjectsV2", s3::list_objects_v2}, {"CopyObject", s3::copy_object},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
