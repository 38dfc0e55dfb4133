#include "engine/package.h"

#include "parser/diagnostic.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "parser/yaml_writer.h"
#include "services/digest.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

namespace cfnlocal::engine {

namespace fs = std::filesystem;

namespace {

/// How a packaged location is written back.
enum class Form {
  S3Uri,       ///< "s3://bucket/key"
  BucketKey,   ///< {"Bucket": b, "Key": k}
  S3BucketKey, ///< {"S3Bucket": b, "S3Key": k}
  TemplateUrl, ///< https://s3.REGION.amazonaws.com/bucket/key, the template packaged too
};

struct ArtifactProperty {
  const char *type;
  std::vector<const char *> path;
  Form form;
  /// Lambda runs it from a zip: folders are zipped, and so is a lone file that is not a zip.
  bool zip;
};

const std::vector<ArtifactProperty> &artifact_properties() {
  static const std::vector<ArtifactProperty> table = {
      {"AWS::Serverless::Function", {"CodeUri"}, Form::S3Uri, true},
      {"AWS::Serverless::LayerVersion", {"ContentUri"}, Form::S3Uri, true},
      {"AWS::Serverless::Api", {"DefinitionUri"}, Form::S3Uri, false},
      {"AWS::Serverless::HttpApi", {"DefinitionUri"}, Form::S3Uri, false},
      {"AWS::Serverless::StateMachine", {"DefinitionUri"}, Form::BucketKey, false},
      {"AWS::Serverless::GraphQLApi", {"SchemaUri"}, Form::S3Uri, false},
      {"AWS::Serverless::Application", {"Location"}, Form::TemplateUrl, false},
      {"AWS::Lambda::Function", {"Code"}, Form::S3BucketKey, true},
      {"AWS::Lambda::LayerVersion", {"Content"}, Form::S3BucketKey, true},
      {"AWS::ApiGateway::RestApi", {"BodyS3Location"}, Form::BucketKey, false},
      {"AWS::ApiGatewayV2::Api", {"BodyS3Location"}, Form::BucketKey, false},
      {"AWS::AppSync::GraphQLSchema", {"DefinitionS3Location"}, Form::S3Uri, false},
      {"AWS::AppSync::Resolver", {"RequestMappingTemplateS3Location"}, Form::S3Uri, false},
      {"AWS::AppSync::Resolver", {"ResponseMappingTemplateS3Location"}, Form::S3Uri, false},
      {"AWS::AppSync::Resolver", {"CodeS3Location"}, Form::S3Uri, false},
      {"AWS::AppSync::FunctionConfiguration",
       {"RequestMappingTemplateS3Location"},
       Form::S3Uri,
       false},
      {"AWS::AppSync::FunctionConfiguration",
       {"ResponseMappingTemplateS3Location"},
       Form::S3Uri,
       false},
      {"AWS::AppSync::FunctionConfiguration", {"CodeS3Location"}, Form::S3Uri, false},
      {"AWS::StepFunctions::StateMachine", {"DefinitionS3Location"}, Form::BucketKey, false},
      {"AWS::ElasticBeanstalk::ApplicationVersion", {"SourceBundle"}, Form::S3BucketKey, true},
      {"AWS::Glue::Job", {"Command", "ScriptLocation"}, Form::S3Uri, false},
      {"AWS::CloudFormation::Stack", {"TemplateURL"}, Form::TemplateUrl, false},
      {"AWS::CloudFormation::ModuleVersion", {"ModulePackage"}, Form::S3Uri, true},
      {"AWS::CloudFormation::ResourceVersion", {"SchemaHandlerPackage"}, Form::S3Uri, true},
      {"AWS::CodeCommit::Repository", {"Code", "S3"}, Form::BucketKey, true},
  };
  return table;
}

std::string read_bytes(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("cannot read {}", path.string()));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool is_zip(const std::string &bytes) { return bytes.rfind("PK\x03\x04", 0) == 0; }

/// A value that names a local file: a string that is not a URL.
bool is_local(const Value *v) {
  if (!v || !v->is_string())
    return false;
  const std::string &s = v->as_string();
  return !s.empty() && s.find("://") == std::string::npos;
}

class Packager {
public:
  Packager(const PackageOptions &o, services::Backend &backend) : o_(o), backend_(backend) {}

  void package(Value &doc, const fs::path &base) {
    if (Value *resources = doc.find("Resources"); resources && resources->is_object())
      for (auto &m : resources->as_object())
        package_resource(m.key, m.value, base);
    package_includes(doc, base);
  }

  std::vector<PackagedArtifact> artifacts;

private:
  void package_resource(const std::string &id, Value &resource, const fs::path &base) {
    const Value *type = resource.find("Type");
    Value *properties = resource.find("Properties");
    if (!type || !type->is_string())
      return;
    for (const auto &entry : artifact_properties()) {
      if (type->as_string() != entry.type)
        continue;
      if (!properties) {
        if (!needs_default_code(*type, nullptr))
          continue;
        resource.set("Properties", Value::object());
        properties = resource.find("Properties");
      }
      Value *holder = properties;
      for (size_t i = 0; holder && i + 1 < entry.path.size(); ++i)
        holder = holder->is_object() ? holder->find(entry.path[i]) : nullptr;
      if (!holder || !holder->is_object())
        continue;
      const char *name = entry.path.back();
      Value *value = holder->find(name);
      if (!value && needs_default_code(*type, properties)) {
        // As the AWS CLI: a function without CodeUri is the template's folder.
        holder->set(name, Value("."));
        value = holder->find(name);
      }
      if (!is_local(value))
        continue;
      fs::path path = fs::path(value->as_string());
      if (path.is_relative())
        path = base / path;
      path = path.lexically_normal();
      if (!fs::exists(path))
        throw Error(fmt::format("Unable to upload artifact {} referenced by {} parameter of {} "
                                "resource. Parameter {} of resource {} refers to a file or folder "
                                "that does not exist {}",
                                value->as_string(), name, id, name, id, path.string()));
      *value = written(entry.form, upload_artifact(path, entry.form, entry.zip));
    }
  }

  static bool needs_default_code(const Value &type, const Value *properties) {
    if (type.as_string() != "AWS::Serverless::Function")
      return false;
    if (!properties)
      return true;
    const Value *package_type = properties->find("PackageType");
    return !properties->find("InlineCode") && !properties->find("ImageUri") &&
           !(package_type && package_type->is_string() && package_type->as_string() == "Image");
  }

  // AWS::Include Locations: Fn::Transform anywhere and entries of the Transform section.
  void package_includes(Value &node, const fs::path &base) {
    if (node.is_array()) {
      for (auto &item : node.as_array())
        package_includes(item, base);
      return;
    }
    if (!node.is_object())
      return;
    const Value *name = node.find("Name");
    Value *params = node.find("Parameters");
    if (name && name->is_string() && name->as_string() == "AWS::Include" && params &&
        params->is_object()) {
      Value *location = params->find("Location");
      if (is_local(location)) {
        fs::path path = fs::path(location->as_string());
        if (path.is_relative())
          path = base / path;
        if (!fs::is_regular_file(path))
          throw Error(fmt::format("Unable to upload artifact {} referenced by Location parameter "
                                  "of AWS::Include: no such file",
                                  path.string()));
        *location = written(Form::S3Uri, upload(read_bytes(path), "", path.string()));
      }
    }
    for (auto &m : node.as_object())
      package_includes(m.value, base);
  }

  struct Stored {
    std::string bucket;
    std::string key;
  };

  Stored upload_artifact(const fs::path &path, Form form, bool zip) {
    if (form == Form::TemplateUrl) {
      if (!fs::is_regular_file(path))
        throw Error(fmt::format("{} is not a template file", path.string()));
      Value child = read_document_file(path.string());
      package(child, path.parent_path());
      std::string text = o_.use_json ? dump_json(child, 2) : dump_yaml(child);
      return upload(text, "template", path.string());
    }
    if (fs::is_directory(path))
      return upload(zip_artifact(path.string()), "", path.string());
    std::string bytes = read_bytes(path);
    if (zip && !is_zip(bytes))
      bytes = zip_artifact(path.string());
    return upload(bytes, "", path.string());
  }

  Stored upload(const std::string &bytes, const std::string &extension, const std::string &from) {
    std::string key = services::md5_hex(bytes) + (extension.empty() ? "" : "." + extension);
    if (!o_.s3_prefix.empty())
      key = o_.s3_prefix + "/" + key;
    PackagedArtifact a{from, o_.s3_bucket, key, false};
    bool exists = false;
    if (!o_.force_upload) {
      try {
        backend_.call("s3", "HeadObject", Json{{"Bucket", o_.s3_bucket}, {"Key", key}});
        exists = true;
      } catch (const services::ServiceError &) {
      }
    }
    if (!exists) {
      try {
        backend_.call(
            "s3", "PutObject",
            Json{{"Bucket", o_.s3_bucket},
                 {"Key", key},
                 {"Body", Json::binary(std::vector<std::uint8_t>(bytes.begin(), bytes.end()))}});
      } catch (const services::ServiceError &e) {
        throw Error(fmt::format("Unable to upload {} to s3://{}/{}: {}", from, o_.s3_bucket, key,
                                e.what()));
      }
      a.uploaded = true;
    }
    artifacts.push_back(a);
    return Stored{o_.s3_bucket, key};
  }

  Value written(Form form, const Stored &s) const {
    switch (form) {
    case Form::S3Uri:
      return Value(fmt::format("s3://{}/{}", s.bucket, s.key));
    case Form::BucketKey: {
      Value v = Value::object();
      v.set("Bucket", Value(s.bucket));
      v.set("Key", Value(s.key));
      return v;
    }
    case Form::S3BucketKey: {
      Value v = Value::object();
      v.set("S3Bucket", Value(s.bucket));
      v.set("S3Key", Value(s.key));
      return v;
    }
    case Form::TemplateUrl:
      return Value(fmt::format("https://s3.{}.amazonaws.com/{}/{}", o_.region, s.bucket, s.key));
    }
    return Value();
  }

  const PackageOptions &o_;
  services::Backend &backend_;
};

} // namespace

std::string zip_artifact(const std::string &path) {
  fs::path root(path);
  std::vector<std::pair<std::string, fs::path>> entries;
  if (fs::is_directory(root)) {
    for (const auto &e :
         fs::recursive_directory_iterator(root, fs::directory_options::follow_directory_symlink))
      if (e.is_regular_file())
        entries.emplace_back(fs::relative(e.path(), root).generic_string(), e.path());
  } else {
    entries.emplace_back(root.filename().string(), root);
  }
  std::sort(entries.begin(), entries.end());

  static int counter = 0;
  fs::path archive =
      fs::temp_directory_path() / fmt::format("cfnlocal-package-{}-{}.zip", getpid(), counter++);
  int error = 0;
  zip_t *za = zip_open(archive.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!za)
    throw Error(fmt::format("cannot create a zip archive at {}", archive.string()));
  // A fixed timestamp: the same content makes the same archive, so its MD5 key is stable.
  constexpr time_t kFixedTime = 315532800 + 86400; // 1980-01-02
  for (const auto &[name, file] : entries) {
    zip_source_t *source = zip_source_file(za, file.c_str(), 0, -1);
    zip_int64_t index = source ? zip_file_add(za, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source)
        zip_source_free(source);
      zip_discard(za);
      throw Error(fmt::format("cannot add {} to the archive of {}", file.string(), path));
    }
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(index), kFixedTime, 0);
    struct stat st {};
    mode_t mode = ::stat(file.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0644;
    zip_file_set_external_attributes(za, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                     static_cast<zip_uint32_t>(S_IFREG | mode) << 16);
  }
  if (entries.empty()) {
    zip_discard(za);
    throw Error(fmt::format("{} has no files to package", path));
  }
  if (zip_close(za) != 0) {
    zip_discard(za);
    throw Error(fmt::format("cannot write the archive of {}", path));
  }
  std::string bytes = read_bytes(archive);
  fs::remove(archive);
  return bytes;
}

PackageResult package_template(const PackageOptions &o, services::Backend &backend) {
  if (o.s3_bucket.empty())
    throw Error("package needs --s3-bucket");
  try {
    backend.call("s3", "HeadBucket", Json{{"Bucket", o.s3_bucket}});
  } catch (const services::ServiceError &) {
    throw Error(fmt::format("S3 Bucket does not exist: {}. Create it first: cfnlocal services s3 "
                            "create-bucket --bucket {}",
                            o.s3_bucket, o.s3_bucket));
  }
  Value doc = read_document_file(o.template_file);
  Packager packager(o, backend);
  fs::path base = fs::absolute(fs::path(o.template_file)).parent_path();
  packager.package(doc, base);
  PackageResult result;
  result.template_text = o.use_json ? dump_json(doc, 2) : dump_yaml(doc);
  result.artifacts = std::move(packager.artifacts);
  return result;
}

} // namespace cfnlocal::engine
