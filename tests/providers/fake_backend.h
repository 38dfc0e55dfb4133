#pragma once
// An in-memory stand-in for the services backend, answering the operations the providers call
// with the shapes and error codes of the real services (Cloud Control API, S3, SSM, Secrets
// Manager), so provider tests run without the embedded backend. It records every call.

#include "services/backend.h"

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace cfnlocal::providers::testing {

class FakeBackend : public services::Backend {
public:
  struct Call {
    std::string service, operation;
    Json input;
  };
  std::vector<Call> calls;
  std::map<std::string, Json> records;    // "Type|Identifier" -> model
  std::map<std::string, Json> buckets;    // name -> {"Tagging":..., "Versioning":..., ...}
  std::map<std::string, Json> parameters; // name -> {"Name","Value","Type","Version","Tags"}
  std::map<std::string, Json> secrets;    // arn -> {"ARN","Name","SecretString",...}

  const std::string &region() const override { return region_; }
  const std::string &account_id() const override { return account_; }

  size_t count(std::string_view operation) const {
    size_t n = 0;
    for (const auto &c : calls)
      n += c.operation == operation;
    return n;
  }

  Json call(std::string_view service, std::string_view operation, const Json &input) override {
    calls.push_back({std::string(service), std::string(operation), input});
    if (service == "cloudcontrol")
      return cloudcontrol(operation, input);
    if (service == "s3")
      return s3(operation, input);
    if (service == "ssm")
      return ssm(operation, input);
    if (service == "secretsmanager")
      return secretsmanager(operation, input);
    throw services::ServiceError("InvalidAction", "no such service " + std::string(service));
  }

private:
  std::string region_ = "us-east-1";
  std::string account_ = "123456789012";
  int secret_counter_ = 0;

  static std::string key(const Json &in) {
    return in.at("TypeName").get<std::string>() + "|" + in.at("Identifier").get<std::string>();
  }
  Json not_found(const Json &in) {
    throw services::ServiceError("ResourceNotFoundException",
                                 "Resource of type '" + in.at("TypeName").get<std::string>() +
                                     "' with identifier '" +
                                     in.at("Identifier").get<std::string>() + "' was not found.",
                                 404);
  }

  Json cloudcontrol(std::string_view op, const Json &in) {
    if (op == "CreateResource") {
      std::string k = key(in);
      if (records.count(k))
        throw services::ServiceError("AlreadyExistsException", "exists");
      records[k] = Json::parse(in.at("DesiredState").get<std::string>());
      return Json{{"ProgressEvent",
                   {{"TypeName", in["TypeName"]},
                    {"Identifier", in["Identifier"]},
                    {"Operation", "CREATE"},
                    {"OperationStatus", "SUCCESS"}}}};
    }
    if (op == "GetResource") {
      auto it = records.find(key(in));
      if (it == records.end())
        return not_found(in);
      return Json{{"TypeName", in["TypeName"]},
                  {"ResourceDescription",
                   {{"Identifier", in["Identifier"]}, {"Properties", it->second.dump()}}}};
    }
    if (op == "UpdateResource") {
      auto it = records.find(key(in));
      if (it == records.end())
        return not_found(in);
      Json patch = Json::parse(in.at("PatchDocument").get<std::string>());
      nlohmann::json plain = nlohmann::json::parse(it->second.dump());
      plain = plain.patch(nlohmann::json::parse(patch.dump()));
      it->second = Json::parse(plain.dump());
      return Json{{"ProgressEvent", {{"OperationStatus", "SUCCESS"}}}};
    }
    if (op == "DeleteResource") {
      if (!records.erase(key(in)))
        return not_found(in);
      return Json{{"ProgressEvent", {{"OperationStatus", "SUCCESS"}}}};
    }
    if (op == "ListResources") {
      Json out{{"TypeName", in["TypeName"]}, {"ResourceDescriptions", Json::array()}};
      std::string prefix = in.at("TypeName").get<std::string>() + "|";
      for (const auto &[k, v] : records)
        if (k.rfind(prefix, 0) == 0)
          out["ResourceDescriptions"].push_back(
              Json{{"Identifier", k.substr(prefix.size())}, {"Properties", v.dump()}});
      return out;
    }
    throw services::ServiceError("InvalidAction", std::string(op));
  }

  Json &bucket(const Json &in) {
    std::string name = in.at("Bucket").get<std::string>();
    auto it = buckets.find(name);
    if (it == buckets.end())
      throw services::ServiceError("NoSuchBucket", "The specified bucket does not exist", 404);
    return it->second;
  }

  // S3's bucket naming rules ("Bucket naming rules", Amazon S3 User Guide).
  static bool valid_bucket_name(const std::string &n) {
    static const std::regex shape("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    static const std::regex ip("^\\d+\\.\\d+\\.\\d+\\.\\d+$");
    return std::regex_match(n, shape) && !std::regex_match(n, ip) &&
           n.find("..") == std::string::npos;
  }

  Json s3(std::string_view op, const Json &in) {
    if (op == "CreateBucket") {
      std::string name = in.at("Bucket").get<std::string>();
      if (!valid_bucket_name(name))
        throw services::ServiceError("InvalidBucketName", "The specified bucket is not valid.");
      if (buckets.count(name))
        throw services::ServiceError(
            "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it.",
            409);
      buckets[name] = Json::object();
      return Json{{"Location", "/" + name}};
    }
    if (op == "HeadBucket") {
      bucket(in);
      return Json::object();
    }
    if (op == "DeleteBucket") {
      bucket(in);
      buckets.erase(in["Bucket"].get<std::string>());
      return Json::object();
    }
    if (op == "ListBuckets") {
      Json out{{"Buckets", Json::array()}};
      for (const auto &[name, _] : buckets)
        out["Buckets"].push_back(Json{{"Name", name}});
      return out;
    }
    if (op == "PutBucketTagging") {
      for (const auto &t : in["Tagging"]["TagSet"])
        if (t["Key"].get<std::string>().rfind("aws:", 0) == 0)
          throw services::ServiceError("InvalidTag",
                                       "System tags cannot be added/updated by requester");
      bucket(in)["TagSet"] = in["Tagging"]["TagSet"];
      return Json::object();
    }
    if (op == "GetBucketTagging") {
      Json &b = bucket(in);
      if (!b.contains("TagSet"))
        throw services::ServiceError("NoSuchTagSet", "The TagSet does not exist", 404);
      return Json{{"TagSet", b["TagSet"]}};
    }
    if (op == "DeleteBucketTagging") {
      bucket(in).erase("TagSet");
      return Json::object();
    }
    if (op == "PutBucketVersioning") {
      std::string status = in["VersioningConfiguration"]["Status"].get<std::string>();
      if (status != "Enabled" && status != "Suspended")
        throw services::ServiceError("MalformedXML",
                                     "The XML you provided was not well-formed or "
                                     "did not validate against our published schema");
      bucket(in)["Status"] = status;
      return Json::object();
    }
    if (op == "GetBucketVersioning") {
      Json &b = bucket(in);
      return b.contains("Status") ? Json{{"Status", b["Status"]}} : Json::object();
    }
    // Other configuration: kept as sent, so tests can check the shapes.
    if (op.rfind("Put", 0) == 0) {
      Json body = in;
      body.erase("Bucket");
      bucket(in)[std::string(op.substr(3))] = body;
      return Json::object();
    }
    if (op.rfind("Delete", 0) == 0) {
      std::string what(op.substr(6));
      bucket(in).erase("Put" + what);
      bucket(in).erase(what);
      return Json::object();
    }
    throw services::ServiceError("InvalidAction", std::string(op));
  }

  Json ssm(std::string_view op, const Json &in) {
    auto name_of = [&] { return in.at("Name").get<std::string>(); };
    if (op == "PutParameter") {
      std::string name = name_of();
      static const std::regex valid("^[a-zA-Z0-9_.\\-/]{1,2048}$");
      if (!std::regex_match(name, valid))
        throw services::ServiceError(
            "ValidationException",
            "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If "
            "formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path "
            "can be formed as a mix of letters, numbers and the following 3 symbols .-_");
      std::string type = in.value("Type", "String");
      if (type != "String" && type != "StringList" && type != "SecureString")
        throw services::ServiceError("ValidationException", "1 validation error detected: Value '" +
                                                                type +
                                                                "' at 'type' failed to satisfy "
                                                                "constraint");
      auto it = parameters.find(name);
      if (it != parameters.end() && !in.value("Overwrite", false))
        throw services::ServiceError("ParameterAlreadyExists",
                                     "The parameter already exists. To overwrite this value, set "
                                     "the overwrite option in the request to true.");
      if (in.contains("Tags") && in.value("Overwrite", false))
        throw services::ServiceError("ValidationException",
                                     "Invalid request: tags and overwrite can't be used together.");
      int version = it == parameters.end() ? 1 : it->second["Version"].get<int>() + 1;
      Json p{{"Name", name},
             {"Value", in["Value"]},
             {"Type", type},
             {"Version", version},
             {"DataType", in.value("DataType", "text")}};
      if (in.contains("Tags"))
        p["Tags"] = in["Tags"];
      else if (it != parameters.end() && it->second.contains("Tags"))
        p["Tags"] = it->second["Tags"];
      parameters[name] = p;
      return Json{{"Version", version}, {"Tier", "Standard"}};
    }
    if (op == "GetParameter") {
      auto it = parameters.find(name_of());
      if (it == parameters.end())
        throw services::ServiceError("ParameterNotFound", "", 400);
      Json p = it->second;
      p.erase("Tags");
      p["ARN"] =
          "arn:aws:ssm:" + region_ + ":" + account_ + ":parameter/" + p["Name"].get<std::string>();
      return Json{{"Parameter", p}};
    }
    if (op == "DeleteParameter") {
      if (!parameters.erase(name_of()))
        throw services::ServiceError("ParameterNotFound", "", 400);
      return Json::object();
    }
    if (op == "AddTagsToResource" || op == "RemoveTagsFromResource") {
      auto it = parameters.find(in.at("ResourceId").get<std::string>());
      if (it == parameters.end())
        throw services::ServiceError("InvalidResourceId", "The resource ID is not valid.");
      Json tags = it->second.value("Tags", Json::array());
      Json out = Json::array();
      if (op == "AddTagsToResource") {
        for (const auto &t : tags) {
          bool replaced = false;
          for (const auto &n : in["Tags"])
            replaced = replaced || n["Key"] == t["Key"];
          if (!replaced)
            out.push_back(t);
        }
        for (const auto &n : in["Tags"])
          out.push_back(n);
      } else {
        for (const auto &t : tags) {
          bool removed = false;
          for (const auto &k : in["TagKeys"])
            removed = removed || k == t["Key"];
          if (!removed)
            out.push_back(t);
        }
      }
      it->second["Tags"] = out;
      return Json::object();
    }
    if (op == "DescribeParameters") {
      Json out{{"Parameters", Json::array()}};
      for (const auto &[n, p] : parameters)
        out["Parameters"].push_back(Json{{"Name", n}, {"Type", p["Type"]}});
      return out;
    }
    throw services::ServiceError("InvalidAction", std::string(op));
  }

  Json &secret(const Json &in) {
    std::string id = in.at("SecretId").get<std::string>();
    for (auto &[arn, s] : secrets)
      if (arn == id || s["Name"] == id)
        return s;
    throw services::ServiceError("ResourceNotFoundException",
                                 "Secrets Manager can't find the specified secret.");
  }

  Json secretsmanager(std::string_view op, const Json &in) {
    if (op == "GetRandomPassword") {
      size_t n = in.value("PasswordLength", 32);
      std::string alphabet;
      if (!in.value("ExcludeLowercase", false))
        alphabet += "abcdefghijklmnopqrstuvwxyz";
      if (!in.value("ExcludeUppercase", false))
        alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      if (!in.value("ExcludeNumbers", false))
        alphabet += "0123456789";
      if (!in.value("ExcludePunctuation", false))
        alphabet += "!#$%&()*+,-.:;<=>?@[]^_{|}~";
      std::string exclude = in.value("ExcludeCharacters", "");
      std::erase_if(alphabet, [&](char c) { return exclude.find(c) != std::string::npos; });
      std::string out;
      for (size_t i = 0; i < n; ++i)
        out += alphabet[(i * 7 + 3) % alphabet.size()];
      return Json{{"RandomPassword", out}};
    }
    if (op == "CreateSecret") {
      std::string name = in.at("Name").get<std::string>();
      for (const auto &[arn, s] : secrets)
        if (s["Name"] == name)
          throw services::ServiceError("ResourceExistsException",
                                       "The operation failed because the secret " + name +
                                           " already exists.");
      std::string arn = "arn:aws:secretsmanager:" + region_ + ":" + account_ + ":secret:" + name +
                        "-" + std::string("AbCdE") + std::to_string(secret_counter_++ % 10);
      Json s = in;
      s["ARN"] = arn;
      secrets[arn] = s;
      return Json{{"ARN", arn}, {"Name", name}, {"VersionId", "v1"}};
    }
    if (op == "DescribeSecret") {
      Json s = secret(in);
      s.erase("SecretString");
      return s;
    }
    if (op == "UpdateSecret") {
      Json &s = secret(in);
      for (const char *k : {"Description", "KmsKeyId", "SecretString"})
        if (in.contains(k))
          s[k] = in[k];
      return Json{{"ARN", s["ARN"]}, {"Name", s["Name"]}};
    }
    if (op == "TagResource") {
      Json &s = secret(in);
      Json tags = s.value("Tags", Json::array());
      for (const auto &t : in["Tags"])
        tags.push_back(t);
      s["Tags"] = tags;
      return Json::object();
    }
    if (op == "UntagResource") {
      Json &s = secret(in);
      Json tags = Json::array();
      for (const auto &t : s.value("Tags", Json::array())) {
        bool removed = false;
        for (const auto &k : in["TagKeys"])
          removed = removed || k == t["Key"];
        if (!removed)
          tags.push_back(t);
      }
      s["Tags"] = tags;
      return Json::object();
    }
    if (op == "DeleteSecret") {
      Json &s = secret(in);
      secrets.erase(s["ARN"].get<std::string>());
      return Json::object();
    }
    if (op == "ListSecrets") {
      Json out{{"SecretList", Json::array()}};
      for (const auto &[arn, s] : secrets)
        out["SecretList"].push_back(Json{{"ARN", arn}, {"Name", s["Name"]}});
      return out;
    }
    throw services::ServiceError("InvalidAction", std::string(op));
  }
};

} // namespace cfnlocal::providers::testing
