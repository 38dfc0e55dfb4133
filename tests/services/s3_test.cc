#include "fixture.h"

#include <fstream>

namespace cfnlocal::services {
namespace {

class S3Test : public EmbeddedTest {
protected:
  void make(const std::string &bucket) { call("s3", "CreateBucket", {{"Bucket", bucket}}); }
};

TEST_F(S3Test, BucketNamingRules) {
  for (const char *bad :
       {"ab", "UPPER", "has_underscore", "-starts", "ends-", "a..b", "192.168.5.4", "xn--bucket",
        "sthree-x", "bucket-s3alias", "bucket--ol-s3", "amzn-s3-demo-bucket",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    EXPECT_EQ(error_of("s3", "CreateBucket", {{"Bucket", bad}}), "InvalidBucketName") << bad;
    EXPECT_EQ(last_status_, 400);
  }
  for (const char *good : {"abc", "my.bucket-1", "a1b", "192.168.5.4x"})
    EXPECT_EQ(error_of("s3", "CreateBucket", {{"Bucket", good}}), "") << good;
}

TEST_F(S3Test, CreateHeadListDelete) {
  make("alpha");
  make("beta");
  EXPECT_EQ(call("s3", "HeadBucket", {{"Bucket", "alpha"}})["BucketRegion"], "us-east-1");
  Json list = call("s3", "ListBuckets");
  ASSERT_EQ(list["Buckets"].size(), 2u);
  EXPECT_EQ(list["Buckets"][0]["Name"], "alpha");
  EXPECT_FALSE(list["Buckets"][0]["CreationDate"].get<std::string>().empty());
  call("s3", "DeleteBucket", {{"Bucket", "alpha"}});
  EXPECT_EQ(error_of("s3", "HeadBucket", {{"Bucket", "alpha"}}), "NoSuchBucket");
  EXPECT_EQ(last_status_, 404);
  EXPECT_EQ(error_of("s3", "DeleteBucket", {{"Bucket", "alpha"}}), "NoSuchBucket");
}

TEST_F(S3Test, AlreadyExistsRules) {
  make("taken");
  // us-east-1 answers 200 for a bucket you own there.
  EXPECT_EQ(error_of("s3", "CreateBucket", {{"Bucket", "taken"}}), "");
  EmbeddedBackend west(*store_, "eu-west-1", "123456789012");
  try {
    west.call("s3", "CreateBucket",
              {{"Bucket", "taken"},
               {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}});
    FAIL();
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "BucketAlreadyOwnedByYou");
    EXPECT_EQ(e.http_status(), 409);
  }
  EmbeddedBackend stranger(*store_, "us-east-1", "999999999999");
  try {
    stranger.call("s3", "CreateBucket", {{"Bucket", "taken"}});
    FAIL();
  } catch (const ServiceError &e) {
    EXPECT_EQ(e.code(), "BucketAlreadyExists");
  }
  EXPECT_THROW(stranger.call("s3", "HeadBucket", {{"Bucket", "taken"}}), ServiceError);
  EXPECT_TRUE(stranger.call("s3", "ListBuckets", Json::object())["Buckets"].empty());
}

TEST_F(S3Test, LocationConstraints) {
  EXPECT_EQ(error_of("s3", "CreateBucket",
                     {{"Bucket", "x1x"},
                      {"CreateBucketConfiguration", {{"LocationConstraint", "us-east-1"}}}}),
            "InvalidLocationConstraint");
  EmbeddedBackend west(*store_, "eu-west-1", "123456789012");
  EXPECT_THROW(west.call("s3", "CreateBucket", {{"Bucket", "x2x"}}), ServiceError);
  EXPECT_THROW(west.call("s3", "CreateBucket",
                         {{"Bucket", "x2x"},
                          {"CreateBucketConfiguration", {{"LocationConstraint", "us-west-2"}}}}),
               ServiceError);
  west.call(
      "s3", "CreateBucket",
      {{"Bucket", "x2x"}, {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}});
  EXPECT_EQ(call("s3", "HeadBucket", {{"Bucket", "x2x"}})["BucketRegion"], "eu-west-1");
}

TEST_F(S3Test, ObjectsRoundTripWithBinaryBytes) {
  make("data");
  std::string bytes("a\0b\xff\n", 5);
  Json put = call("s3", "PutObject",
                  {{"Bucket", "data"},
                   {"Key", "dir/file.bin"},
                   {"Body", bytes},
                   {"ContentType", "application/zip"},
                   {"Metadata", {{"Owner", "me"}}}});
  EXPECT_EQ(put["ETag"].get<std::string>().size(), 34u);
  EXPECT_FALSE(put.contains("VersionId"));
  Json got = call("s3", "GetObject", {{"Bucket", "data"}, {"Key", "dir/file.bin"}});
  EXPECT_EQ(got["Body"].get<std::string>(), bytes);
  EXPECT_EQ(got["ContentLength"], 5);
  EXPECT_EQ(got["ContentType"], "application/zip");
  EXPECT_EQ(got["Metadata"]["owner"], "me");
  EXPECT_EQ(got["ETag"], put["ETag"]);
  Json head = call("s3", "HeadObject", {{"Bucket", "data"}, {"Key", "dir/file.bin"}});
  EXPECT_FALSE(head.contains("Body"));
  EXPECT_EQ(head["ContentLength"], 5);
  Json range = call("s3", "GetObject",
                    {{"Bucket", "data"}, {"Key", "dir/file.bin"}, {"Range", "bytes=1-2"}});
  EXPECT_EQ(range["Body"].get<std::string>(), std::string("\0b", 2));
  EXPECT_EQ(range["ContentRange"], "bytes 1-2/5");
  // Binary JSON values are accepted as bodies too.
  call("s3", "PutObject", {{"Bucket", "data"}, {"Key", "b"}, {"Body", Json::binary({1, 2, 3})}});
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "data"}, {"Key", "b"}})["Body"], "\x01\x02\x03");
}

TEST_F(S3Test, OverwriteReplacesBytesFile) {
  make("data");
  call("s3", "PutObject", {{"Bucket", "data"}, {"Key", "k"}, {"Body", "one"}});
  call("s3", "PutObject", {{"Bucket", "data"}, {"Key", "k"}, {"Body", "two"}});
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "data"}, {"Key", "k"}})["Body"], "two");
  size_t files = 0;
  for (const auto &entry : std::filesystem::directory_iterator(store_->objects_dir() / "data")) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(S3Test, ObjectErrors) {
  make("data");
  EXPECT_EQ(error_of("s3", "GetObject", {{"Bucket", "data"}, {"Key", "missing"}}), "NoSuchKey");
  EXPECT_EQ(last_status_, 404);
  EXPECT_EQ(error_of("s3", "HeadObject", {{"Bucket", "data"}, {"Key", "missing"}}), "NoSuchKey");
  EXPECT_EQ(error_of("s3", "PutObject", {{"Bucket", "nobucket"}, {"Key", "k"}, {"Body", "x"}}),
            "NoSuchBucket");
  EXPECT_EQ(error_of("s3", "PutObject", {{"Bucket", "data"}, {"Key", std::string(1025, 'k')}}),
            "KeyTooLongError");
  EXPECT_EQ(error_of("s3", "PutObject", {{"Bucket", "data"}}), "ValidationException");
  // Deleting a missing key succeeds, as in S3.
  EXPECT_EQ(error_of("s3", "DeleteObject", {{"Bucket", "data"}, {"Key", "missing"}}), "");
  call("s3", "PutObject", {{"Bucket", "data"}, {"Key", "k"}, {"Body", "x"}});
  EXPECT_EQ(error_of("s3", "DeleteBucket", {{"Bucket", "data"}}), "BucketNotEmpty");
  EXPECT_EQ(last_status_, 409);
  call("s3", "DeleteObject", {{"Bucket", "data"}, {"Key", "k"}});
  EXPECT_EQ(error_of("s3", "DeleteBucket", {{"Bucket", "data"}}), "");
  EXPECT_FALSE(std::filesystem::exists(store_->objects_dir() / "data"));
}

TEST_F(S3Test, ListObjectsV2WithPrefixDelimiterAndPages) {
  make("tree");
  for (const char *key : {"a.txt", "docs/1", "docs/2", "docs/sub/3", "img/x", "z"})
    call("s3", "PutObject", {{"Bucket", "tree"}, {"Key", key}, {"Body", key}});
  Json all = call("s3", "ListObjectsV2", {{"Bucket", "tree"}});
  EXPECT_EQ(all["KeyCount"], 6);
  EXPECT_EQ(all["Contents"][1]["Key"], "docs/1");
  EXPECT_EQ(all["Contents"][1]["Size"], 6);
  Json top = call("s3", "ListObjectsV2", {{"Bucket", "tree"}, {"Delimiter", "/"}});
  ASSERT_EQ(top["Contents"].size(), 2u);
  ASSERT_EQ(top["CommonPrefixes"].size(), 2u);
  EXPECT_EQ(top["CommonPrefixes"][0]["Prefix"], "docs/");
  Json docs =
      call("s3", "ListObjectsV2", {{"Bucket", "tree"}, {"Prefix", "docs/"}, {"Delimiter", "/"}});
  EXPECT_EQ(docs["Contents"].size(), 2u);
  EXPECT_EQ(docs["CommonPrefixes"][0]["Prefix"], "docs/sub/");
  // Pages of two, common prefixes counting as one entry each.
  std::vector<std::string> seen;
  Json in = {{"Bucket", "tree"}, {"Delimiter", "/"}, {"MaxKeys", 1}};
  for (int i = 0; i < 10; ++i) {
    Json page = call("s3", "ListObjectsV2", in);
    for (const auto &c : page["Contents"])
      seen.push_back(c["Key"]);
    for (const auto &p : page.value("CommonPrefixes", Json::array()))
      seen.push_back(p["Prefix"]);
    if (!page["IsTruncated"].get<bool>())
      break;
    in["ContinuationToken"] = page["NextContinuationToken"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a.txt", "docs/", "img/", "z"}));
  Json none = call("s3", "ListObjectsV2", {{"Bucket", "tree"}, {"MaxKeys", 0}});
  EXPECT_EQ(none["KeyCount"], 0);
  EXPECT_FALSE(none["IsTruncated"].get<bool>());
  Json after = call("s3", "ListObjectsV2", {{"Bucket", "tree"}, {"StartAfter", "img/x"}});
  ASSERT_EQ(after["Contents"].size(), 1u);
  EXPECT_EQ(after["Contents"][0]["Key"], "z");
}

TEST_F(S3Test, Versioning) {
  make("ver");
  EXPECT_EQ(call("s3", "GetBucketVersioning", {{"Bucket", "ver"}}), Json::object());
  call("s3", "PutBucketVersioning",
       {{"Bucket", "ver"}, {"VersioningConfiguration", {{"Status", "Enabled"}}}});
  EXPECT_EQ(call("s3", "GetBucketVersioning", {{"Bucket", "ver"}})["Status"], "Enabled");
  std::string v1 =
      call("s3", "PutObject", {{"Bucket", "ver"}, {"Key", "k"}, {"Body", "one"}})["VersionId"];
  std::string v2 =
      call("s3", "PutObject", {{"Bucket", "ver"}, {"Key", "k"}, {"Body", "two"}})["VersionId"];
  EXPECT_NE(v1, v2);
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "ver"}, {"Key", "k"}})["Body"], "two");
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "ver"}, {"Key", "k"}, {"VersionId", v1}})["Body"],
            "one");
  Json marker = call("s3", "DeleteObject", {{"Bucket", "ver"}, {"Key", "k"}});
  EXPECT_TRUE(marker["DeleteMarker"].get<bool>());
  EXPECT_EQ(error_of("s3", "GetObject", {{"Bucket", "ver"}, {"Key", "k"}}), "NoSuchKey");
  EXPECT_EQ(call("s3", "ListObjectsV2", {{"Bucket", "ver"}})["KeyCount"], 0);
  EXPECT_EQ(call("s3", "GetObject", {{"Bucket", "ver"}, {"Key", "k"}, {"VersionId", v2}})["Body"],
            "two");
  // Versions and delete markers keep the bucket non-empty until each is deleted by id.
  EXPECT_EQ(error_of("s3", "DeleteBucket", {{"Bucket", "ver"}}), "BucketNotEmpty");
  for (const std::string &v : {std::string(marker["VersionId"]), v2, v1})
    call("s3", "DeleteObject", {{"Bucket", "ver"}, {"Key", "k"}, {"VersionId", v}});
  EXPECT_EQ(error_of("s3", "DeleteBucket", {{"Bucket", "ver"}}), "");
  make("ver2");
  EXPECT_EQ(error_of("s3", "PutBucketVersioning",
                     {{"Bucket", "ver2"}, {"VersioningConfiguration", {{"Status", "On"}}}}),
            "MalformedXML");
}

TEST_F(S3Test, Tagging) {
  make("tags");
  EXPECT_EQ(error_of("s3", "GetBucketTagging", {{"Bucket", "tags"}}), "NoSuchTagSet");
  call("s3", "PutBucketTagging",
       {{"Bucket", "tags"}, {"Tagging", {{"TagSet", {{{"Key", "team"}, {"Value", "core"}}}}}}});
  EXPECT_EQ(call("s3", "GetBucketTagging", {{"Bucket", "tags"}})["TagSet"][0]["Value"], "core");
  EXPECT_EQ(
      error_of("s3", "PutBucketTagging",
               {{"Bucket", "tags"},
                {"Tagging",
                 {{"TagSet", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}}}}}}),
      "InvalidTag");
  EXPECT_EQ(error_of("s3", "PutBucketTagging",
                     {{"Bucket", "tags"},
                      {"Tagging", {{"TagSet", {{{"Key", "aws:x"}, {"Value", "1"}}}}}}}),
            "InvalidTag");
  call("s3", "DeleteBucketTagging", {{"Bucket", "tags"}});
  EXPECT_EQ(error_of("s3", "GetBucketTagging", {{"Bucket", "tags"}}), "NoSuchTagSet");
}

TEST_F(S3Test, EncryptionDefaultsToSseS3) {
  make("enc");
  Json got = call("s3", "GetBucketEncryption", {{"Bucket", "enc"}});
  EXPECT_EQ(got["ServerSideEncryptionConfiguration"]["Rules"][0]
               ["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256");
  Json kms = {{"Rules",
               {{{"ApplyServerSideEncryptionByDefault",
                  {{"SSEAlgorithm", "aws:kms"}, {"KMSMasterKeyID", "alias/k"}}}}}}};
  call("s3", "PutBucketEncryption",
       {{"Bucket", "enc"}, {"ServerSideEncryptionConfiguration", kms}});
  EXPECT_EQ(
      call("s3", "GetBucketEncryption", {{"Bucket", "enc"}})["ServerSideEncryptionConfiguration"],
      kms);
  EXPECT_EQ(call("s3", "PutObject",
                 {{"Bucket", "enc"}, {"Key", "k"}, {"Body", ""}})["ServerSideEncryption"],
            "aws:kms");
  EXPECT_EQ(error_of("s3", "PutBucketEncryption",
                     {{"Bucket", "enc"},
                      {"ServerSideEncryptionConfiguration",
                       {{"Rules",
                         {{{"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "DES"}}}}}}}}}),
            "MalformedXML");
  call("s3", "DeleteBucketEncryption", {{"Bucket", "enc"}});
  EXPECT_EQ(call("s3", "GetBucketEncryption",
                 {{"Bucket", "enc"}})["ServerSideEncryptionConfiguration"]["Rules"][0]
                                     ["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256");
}

TEST_F(S3Test, Policy) {
  make("pol");
  EXPECT_EQ(error_of("s3", "GetBucketPolicy", {{"Bucket", "pol"}}), "NoSuchBucketPolicy");
  std::string good = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
    "Action":"s3:GetObject","Resource":"arn:aws:s3:::pol/*"}]})";
  call("s3", "PutBucketPolicy", {{"Bucket", "pol"}, {"Policy", good}});
  EXPECT_EQ(call("s3", "GetBucketPolicy", {{"Bucket", "pol"}})["Policy"], good);
  for (
      const char *bad :
      {"not json",
       R"({"Statement":[{"Effect":"Maybe","Principal":"*","Action":"s3:*","Resource":"*"}]})",
       R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::pol"}]})",
       R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"ec2:RunInstances","Resource":"arn:aws:s3:::pol"}]})",
       R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::other/*"}]})"}) {
    EXPECT_EQ(error_of("s3", "PutBucketPolicy", {{"Bucket", "pol"}, {"Policy", bad}}),
              "MalformedPolicy")
        << bad;
  }
  call("s3", "DeleteBucketPolicy", {{"Bucket", "pol"}});
  EXPECT_EQ(error_of("s3", "GetBucketPolicy", {{"Bucket", "pol"}}), "NoSuchBucketPolicy");
}

TEST_F(S3Test, CorsLifecycleOwnershipWebsite) {
  make("cfg");
  EXPECT_EQ(error_of("s3", "GetBucketCors", {{"Bucket", "cfg"}}), "NoSuchCORSConfiguration");
  Json cors = {{"CORSRules", {{{"AllowedMethods", {"GET"}}, {"AllowedOrigins", {"*"}}}}}};
  call("s3", "PutBucketCors", {{"Bucket", "cfg"}, {"CORSConfiguration", cors}});
  EXPECT_EQ(call("s3", "GetBucketCors", {{"Bucket", "cfg"}}), cors);
  EXPECT_EQ(
      error_of("s3", "PutBucketCors",
               {{"Bucket", "cfg"},
                {"CORSConfiguration",
                 {{"CORSRules", {{{"AllowedMethods", {"PATCH"}}, {"AllowedOrigins", {"*"}}}}}}}}),
      "InvalidRequest");
  call("s3", "DeleteBucketCors", {{"Bucket", "cfg"}});
  EXPECT_EQ(error_of("s3", "GetBucketCors", {{"Bucket", "cfg"}}), "NoSuchCORSConfiguration");

  Json lifecycle = {
      {"Rules", {{{"ID", "expire"}, {"Status", "Enabled"}, {"Expiration", {{"Days", 30}}}}}}};
  call("s3", "PutBucketLifecycleConfiguration",
       {{"Bucket", "cfg"}, {"LifecycleConfiguration", lifecycle}});
  EXPECT_EQ(call("s3", "GetBucketLifecycleConfiguration", {{"Bucket", "cfg"}}), lifecycle);
  EXPECT_EQ(error_of("s3", "PutBucketLifecycleConfiguration",
                     {{"Bucket", "cfg"},
                      {"LifecycleConfiguration", {{"Rules", {{{"Status", "Enabled"}}}}}}}),
            "InvalidRequest");
  call("s3", "DeleteBucketLifecycle", {{"Bucket", "cfg"}});
  EXPECT_EQ(error_of("s3", "GetBucketLifecycleConfiguration", {{"Bucket", "cfg"}}),
            "NoSuchLifecycleConfiguration");

  EXPECT_EQ(call("s3", "GetBucketOwnershipControls",
                 {{"Bucket", "cfg"}})["OwnershipControls"]["Rules"][0]["ObjectOwnership"],
            "BucketOwnerEnforced");
  EXPECT_EQ(error_of("s3", "PutBucketOwnershipControls",
                     {{"Bucket", "cfg"},
                      {"OwnershipControls", {{"Rules", {{{"ObjectOwnership", "Me"}}}}}}}),
            "MalformedXML");
  call("s3", "DeleteBucketOwnershipControls", {{"Bucket", "cfg"}});
  EXPECT_EQ(error_of("s3", "GetBucketOwnershipControls", {{"Bucket", "cfg"}}),
            "OwnershipControlsNotFoundError");

  EXPECT_EQ(error_of("s3", "PutBucketWebsite",
                     {{"Bucket", "cfg"}, {"WebsiteConfiguration", Json::object()}}),
            "InvalidArgument");
  call("s3", "PutBucketWebsite",
       {{"Bucket", "cfg"},
        {"WebsiteConfiguration", {{"IndexDocument", {{"Suffix", "index.html"}}}}}});
  EXPECT_EQ(call("s3", "GetBucketWebsite", {{"Bucket", "cfg"}})["IndexDocument"]["Suffix"],
            "index.html");
  call("s3", "DeleteBucketWebsite", {{"Bucket", "cfg"}});
  EXPECT_EQ(error_of("s3", "GetBucketWebsite", {{"Bucket", "cfg"}}), "NoSuchWebsiteConfiguration");
}

TEST_F(S3Test, FailedCallLeavesNoPartialState) {
  make("atomic");
  // The policy is rejected after the bucket was loaded: nothing of the call is kept.
  EXPECT_EQ(error_of("s3", "PutBucketPolicy", {{"Bucket", "atomic"}, {"Policy", "{}"}}),
            "MalformedPolicy");
  EXPECT_EQ(error_of("s3", "GetBucketPolicy", {{"Bucket", "atomic"}}), "NoSuchBucketPolicy");
}

TEST_F(S3Test, FailedCallInsideAnOuterTransactionRollsBackAlone) {
  auto tx = store_->transaction();
  make("outer");
  EXPECT_EQ(
      error_of("s3", "PutBucketTagging",
               {{"Bucket", "outer"},
                {"Tagging",
                 {{"TagSet", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}}}}}}),
      "InvalidTag");
  tx.commit();
  EXPECT_EQ(error_of("s3", "HeadBucket", {{"Bucket", "outer"}}), "");
  EXPECT_EQ(error_of("s3", "GetBucketTagging", {{"Bucket", "outer"}}), "NoSuchTagSet");
}

} // namespace
} // namespace cfnlocal::services

namespace cfnlocal::services {
namespace {

class S3CopyTest : public EmbeddedTest {};

TEST_F(S3CopyTest, CopyObjectCopiesBytesAndMetadataOrReplacesThem) {
  call("s3", "CreateBucket", {{"Bucket", "src"}});
  call("s3", "CreateBucket", {{"Bucket", "dst"}});
  call("s3", "PutBucketVersioning",
       {{"Bucket", "src"}, {"VersioningConfiguration", {{"Status", "Enabled"}}}});
  std::string v1 = call("s3", "PutObject",
                        {{"Bucket", "src"},
                         {"Key", "a b/k"},
                         {"Body", "one"},
                         {"ContentType", "text/plain"},
                         {"Metadata", {{"colour", "blue"}}}})["VersionId"];
  call("s3", "PutObject", {{"Bucket", "src"}, {"Key", "a b/k"}, {"Body", "two"}});
  Json copied =
      call("s3", "CopyObject",
           {{"Bucket", "dst"}, {"Key", "copy"}, {"CopySource", "src/a%20b/k?versionId=" + v1}});
  EXPECT_EQ(copied["CopySourceVersionId"], v1);
  EXPECT_EQ(copied["CopyObjectResult"]["ETag"], "\"f97c5d29941bfb1b2fdab0874906ab82\"");
  Json got = call("s3", "GetObject", {{"Bucket", "dst"}, {"Key", "copy"}});
  EXPECT_EQ(got["Body"], "one");
  EXPECT_EQ(got["ContentType"], "text/plain");
  EXPECT_EQ(got["Metadata"]["colour"], "blue");
  call("s3", "CopyObject",
       {{"Bucket", "dst"},
        {"Key", "copy"},
        {"CopySource", "/dst/copy"},
        {"MetadataDirective", "REPLACE"},
        {"Metadata", {{"size", "small"}}}});
  got = call("s3", "GetObject", {{"Bucket", "dst"}, {"Key", "copy"}});
  EXPECT_EQ(got["Metadata"], Json({{"size", "small"}}));
  EXPECT_EQ(got["ContentType"], "binary/octet-stream");
  EXPECT_EQ(error_of("s3", "CopyObject",
                     {{"Bucket", "dst"}, {"Key", "copy"}, {"CopySource", "dst/copy"}}),
            "InvalidRequest");
  EXPECT_EQ(
      error_of("s3", "CopyObject", {{"Bucket", "dst"}, {"Key", "x"}, {"CopySource", "src/none"}}),
      "NoSuchKey");
  EXPECT_EQ(
      error_of("s3", "CopyObject", {{"Bucket", "dst"}, {"Key", "x"}, {"CopySource", "nobucket/k"}}),
      "NoSuchBucket");
  EXPECT_EQ(error_of("s3", "CopyObject",
                     {{"Bucket", "dst"}, {"Key", "x"}, {"CopySource", "justabucket"}}),
            "InvalidArgument");
}

} // namespace
} // namespace cfnlocal::services
