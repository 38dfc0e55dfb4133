// Runs the SAM translator conformance cases that cfnlocal passes (tests/transforms/data/sam,
// refreshed by scripts/sam/update_test_data.sh) in-process, comparing the way the translator's own
// suite does: lists compared as multisets (except Layers), hashed logical IDs of deployments,
// versions and layer versions normalised.

#include "parser/json.h"
#include "parser/reader.h"
#include "transforms/transform.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

namespace cfnlocal {
namespace {

const std::string kData = std::string(CFNLOCAL_TEST_DATA) + "/sam";

/// Canonical form: object keys sorted, lists sorted by their canonical text (except Layers).
Json canonical(const Json &v, const std::string &key = "") {
  if (v.is_object()) {
    std::map<std::string, Json> sorted;
    for (auto it = v.begin(); it != v.end(); ++it)
      sorted[it.key()] = canonical(it.value(), it.key());
    Json out = Json::object();
    for (auto &[k, x] : sorted)
      out[k] = x;
    return out;
  }
  if (v.is_array()) {
    std::vector<Json> items;
    for (const auto &x : v)
      items.push_back(canonical(x));
    if (key != "Layers")
      std::sort(items.begin(), items.end(),
                [](const Json &a, const Json &b) { return a.dump() < b.dump(); });
    return Json(items);
  }
  if (v.is_number_float() &&
      v.get<double>() == static_cast<double>(static_cast<int64_t>(v.get<double>())))
    return Json(static_cast<int64_t>(v.get<double>()));
  return v;
}

/// Renames the content-hashed logical IDs to PREFIX#HASH(n), as sam-compare does.
Json normalise_hashes(const Json &doc) {
  if (!doc.is_object() || !doc.contains("Resources") || !doc["Resources"].is_object())
    return doc;
  static const std::regex hex10("^(.*?)[0-9a-f]{10}$");
  std::map<std::string, std::string> rename;
  std::map<std::string, int> taken;
  std::vector<std::string> ids;
  for (auto it = doc["Resources"].begin(); it != doc["Resources"].end(); ++it)
    ids.push_back(it.key());
  std::sort(ids.begin(), ids.end());
  for (const auto &id : ids) {
    const Json &r = doc["Resources"][id];
    std::smatch m;
    std::string type = r.is_object() && r.contains("Type") && r["Type"].is_string()
                           ? r["Type"].get<std::string>()
                           : "";
    if (std::regex_match(id, m, hex10) &&
        (type == "AWS::ApiGateway::Deployment" || type == "AWS::Lambda::Version" ||
         type == "AWS::Lambda::LayerVersion")) {
      std::string base = m[1].str() + "#HASH";
      int n = ++taken[base];
      rename[id] = n == 1 ? base : base + std::to_string(n);
    }
  }
  std::function<Json(const Json &)> walk = [&](const Json &v) -> Json {
    if (v.is_object()) {
      Json out = Json::object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        auto r = rename.find(it.key());
        out[r == rename.end() ? it.key() : r->second] = walk(it.value());
      }
      return out;
    }
    if (v.is_array()) {
      Json out = Json::array();
      for (const auto &x : v)
        out.push_back(walk(x));
      return out;
    }
    if (!v.is_string())
      return v;
    std::string s = v.get<std::string>();
    if (auto r = rename.find(s); r != rename.end())
      return r->second;
    if (auto dot = s.find('.'); dot != std::string::npos)
      if (auto r = rename.find(s.substr(0, dot)); r != rename.end())
        return r->second + s.substr(dot);
    for (auto &[from, to] : rename)
      for (const char *end : {"}", "."}) {
        std::string needle = "${" + from + end;
        for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p))
          s.replace(p, needle.size(), "${" + to + end);
      }
    static const std::regex deployment("^(RestApi deployment id: )[0-9a-f]{40}$");
    return std::regex_replace(s, deployment, "$1#HASH");
  };
  return walk(doc);
}

struct Case {
  std::string name;
  std::string partition;
};

std::vector<Case> passing_cases() {
  std::vector<Case> cases;
  std::ifstream in(kData + "/passing.txt");
  std::string name, partition;
  while (in >> name >> partition)
    cases.push_back({name, partition});
  return cases;
}

std::string region_of(const std::string &partition) {
  if (partition == "aws-cn")
    return "cn-north-1";
  if (partition == "aws-us-gov")
    return "us-gov-west-1";
  return "ap-southeast-1";
}

TEST(SamConformance, PassingCasesStayPassing) {
  auto cases = passing_cases();
  ASSERT_GT(cases.size(), 100u) << "no conformance data under " << kData;
  int failures = 0;
  for (const auto &c : cases) {
    transforms::TransformOptions options;
    options.region = region_of(c.partition);
    options.always_sam = true;
    options.parameter_overrides = {{"param1", "value1"}, {"param2", "value2"}};
    std::string sub = c.partition == "aws" ? "" : c.partition + "/";
    Json expected =
        to_json(parse_json(read_file_text(kData + "/output/" + sub + c.name + ".json")));
    Json actual;
    try {
      actual = to_json(transforms::apply_transforms(
          read_document_file(kData + "/input/" + c.name + ".yaml"), options));
    } catch (const transforms::TransformError &e) {
      actual = Json{{"errorMessage", e.message()}};
    }
    bool ok;
    if (expected.contains("errorMessage"))
      ok = actual.contains("errorMessage") && actual["errorMessage"] == expected["errorMessage"];
    else
      ok = canonical(normalise_hashes(expected)) == canonical(normalise_hashes(actual));
    if (!ok) {
      ++failures;
      ADD_FAILURE() << c.name << " [" << c.partition << "] differs from the SAM translator";
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(SamTransform, FunctionGetsRoleAndPartitionArns) {
  Value tmpl = read_document(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key.zip?versionId=3
      Handler: index.handler
      Runtime: python3.12
      Tracing: Active
)",
                             "t.yaml");
  transforms::TransformOptions options;
  options.region = "cn-north-1";
  Json out = to_json(transforms::apply_transforms(tmpl, options));
  EXPECT_FALSE(out.contains("Transform"));
  const Json &fn = out["Resources"]["Fn"];
  EXPECT_EQ(fn["Type"], "AWS::Lambda::Function");
  EXPECT_EQ(fn["Properties"]["Code"],
            (Json{{"S3Bucket", "bucket"}, {"S3Key", "key.zip"}, {"S3ObjectVersion", "3"}}));
  EXPECT_EQ(fn["Properties"]["TracingConfig"]["Mode"], "Active");
  const Json &arns = out["Resources"]["FnRole"]["Properties"]["ManagedPolicyArns"];
  EXPECT_EQ(arns[0], "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  EXPECT_EQ(arns[1], "arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess");
}

TEST(SamTransform, TemplateWithoutTransformIsUntouched) {
  Value tmpl = read_document("Resources:\n  T:\n    Type: AWS::SNS::Topic\n", "t.yaml");
  EXPECT_EQ(transforms::apply_transforms(tmpl, {}), tmpl);
}

TEST(SamTransform, InvalidDocumentUsesTranslatorWording) {
  Value tmpl = read_document(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./local
      Handler: index.handler
      Runtime: python3.12
)",
                             "t.yaml");
  try {
    transforms::apply_transforms(tmpl, {});
    FAIL() << "expected a TransformError";
  } catch (const transforms::TransformError &e) {
    EXPECT_EQ(e.message(),
              "Invalid Serverless Application Specification document. Number of errors found: 1. "
              "Resource with id [Fn] is invalid. 'CodeUri' is not a valid S3 Uri of the form "
              "'s3://bucket/key' with optional versionId query parameter.");
  }
}

} // namespace
} // namespace cfnlocal
