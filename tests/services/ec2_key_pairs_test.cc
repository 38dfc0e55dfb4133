// The embedded EC2's key pairs: real key material, fingerprints checked with the commands the
// Amazon EC2 User Guide gives for verifying them ("Verify the fingerprint of your key pair"),
// imports of OpenSSH public keys, and the not-found and duplicate errors.
#include "services/endpoint/wire_format.h"
#include "tests/services/fixture.h"

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::services;
using ::testing::HasSubstr;

namespace {

class Ec2KeyPairsTest : public EmbeddedTest {
protected:
  /// stdout of a shell command ("" when it fails).
  static std::string run(const std::string &command) {
    FILE *pipe = popen((command + " 2>/dev/null").c_str(), "r");
    std::string out;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
      out.append(buffer.data(), n);
    int status = pclose(pipe);
    return status == 0 ? out : "";
  }
  static bool have(const char *program) {
    return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
  }
  std::filesystem::path write(const std::string &name, const std::string &text) {
    auto path = dir_ / name;
    std::ofstream(path) << text;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
    return path;
  }
  /// The hex digest at the end of `openssl dgst -c` output.
  static std::string digest_of(const std::string &out) {
    std::smatch m;
    std::regex_search(out, m, std::regex("([0-9a-f]{2}(:[0-9a-f]{2})+)"));
    return m[1];
  }
};

TEST_F(Ec2KeyPairsTest, CreatedRsaKeysCarryTheirPkcs8Sha1Fingerprint) {
  Json k = call("ec2", "CreateKeyPair", {{"KeyName", "deploy"}});
  std::string pem = k["KeyMaterial"];
  EXPECT_TRUE(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----")) << pem.substr(0, 40);
  EXPECT_TRUE(std::regex_match(k["KeyPairId"].get<std::string>(), std::regex("key-0[0-9a-f]{16}")));
  EXPECT_TRUE(std::regex_match(k["KeyFingerprint"].get<std::string>(),
                               std::regex("([0-9a-f]{2}:){19}[0-9a-f]{2}")))
      << k["KeyFingerprint"];
  if (!have("openssl"))
    GTEST_SKIP() << "no openssl command to check the fingerprint with";
  auto file = write("deploy.pem", pem + "\n");
  std::string sha1 = digest_of(run("openssl pkcs8 -in '" + file.string() +
                                   "' -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c"));
  EXPECT_EQ(k["KeyFingerprint"], sha1);
  // The public key DescribeKeyPairs shows is the private key's.
  Json listed = call("ec2", "DescribeKeyPairs",
                     {{"KeyNames", Json::array({"deploy"})}, {"IncludePublicKey", true}});
  std::string pub = listed["KeyPairs"][0]["PublicKey"];
  EXPECT_EQ(listed["KeyPairs"][0]["KeyFingerprint"], k["KeyFingerprint"]);
  EXPECT_EQ(listed["KeyPairs"][0]["KeyType"], "rsa");
  if (have("ssh-keygen")) {
    std::string derived = run("ssh-keygen -y -f '" + file.string() + "'");
    EXPECT_EQ(derived.substr(0, derived.find_first_of(" \n", 8)), pub.substr(0, pub.rfind(' ')));
  }
}

TEST_F(Ec2KeyPairsTest, Ed25519KeysAreOpenSshKeysWithSha256Fingerprints) {
  Json k = call("ec2", "CreateKeyPair", {{"KeyName", "edge"}, {"KeyType", "ed25519"}});
  std::string pem = k["KeyMaterial"];
  EXPECT_TRUE(pem.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")) << pem.substr(0, 40);
  std::string fp = k["KeyFingerprint"];
  EXPECT_EQ(fp.size(), 44u) << fp;
  if (!have("ssh-keygen"))
    GTEST_SKIP() << "no ssh-keygen to read the key with";
  auto file = write("edge.pem", pem + "\n");
  // ssh-keygen prints the same digest without base64 padding.
  std::string listed = run("ssh-keygen -l -f '" + file.string() + "'");
  EXPECT_THAT(listed, HasSubstr("SHA256:" + fp.substr(0, fp.find('='))));
  EXPECT_THAT(listed, HasSubstr("(ED25519)"));
}

TEST_F(Ec2KeyPairsTest, PpkKeysForPutty) {
  Json k = call("ec2", "CreateKeyPair", {{"KeyName", "putty"}, {"KeyFormat", "ppk"}});
  std::string ppk = k["KeyMaterial"];
  EXPECT_TRUE(ppk.starts_with("PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n")) << ppk;
  EXPECT_THAT(ppk, HasSubstr("Comment: putty\n"));
  EXPECT_TRUE(std::regex_search(ppk, std::regex("Private-MAC: [0-9a-f]{64}$"))) << ppk;
  EXPECT_EQ(error_of("ec2", "CreateKeyPair", {{"KeyName", "x"}, {"KeyFormat", "der"}}),
            "InvalidParameterValue");
}

TEST_F(Ec2KeyPairsTest, ImportedKeysCarryTheirPublicKeyFingerprint) {
  if (!have("ssh-keygen") || !have("openssl"))
    GTEST_SKIP() << "ssh-keygen and openssl make the key to import";
  auto key = dir_ / "imported";
  ASSERT_EQ(std::system(("ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f '" + key.string() +
                         "' >/dev/null 2>&1")
                            .c_str()),
            0);
  std::ifstream in(key.string() + ".pub");
  std::string pub((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Json k = call("ec2", "ImportKeyPair",
                {{"KeyName", "imported"}, {"PublicKeyMaterial", endpoint::base64_encode(pub)}});
  std::string md5 = digest_of(
      run("openssl rsa -in '" + key.string() + "' -pubout -outform DER | openssl md5 -c"));
  EXPECT_EQ(k["KeyFingerprint"], md5);
  // The same key material as text (what a JSON caller may pass) imports too.
  Json again =
      call("ec2", "ImportKeyPair", {{"KeyName", "imported-2"}, {"PublicKeyMaterial", pub}});
  EXPECT_EQ(again["KeyFingerprint"], md5);
  // ED25519 keys: the SHA-256 fingerprint.
  auto ed = dir_ / "imported-ed";
  ASSERT_EQ(
      std::system(
          ("ssh-keygen -q -t ed25519 -N '' -f '" + ed.string() + "' >/dev/null 2>&1").c_str()),
      0);
  std::ifstream ed_in(ed.string() + ".pub");
  std::string ed_pub((std::istreambuf_iterator<char>(ed_in)), std::istreambuf_iterator<char>());
  Json e = call("ec2", "ImportKeyPair", {{"KeyName", "ed"}, {"PublicKeyMaterial", ed_pub}});
  std::string fp = e["KeyFingerprint"];
  EXPECT_THAT(run("ssh-keygen -l -f '" + ed.string() + ".pub'"),
              HasSubstr("SHA256:" + fp.substr(0, fp.find('='))));
  EXPECT_EQ(error_of("ec2", "ImportKeyPair",
                     {{"KeyName", "bad"}, {"PublicKeyMaterial", "not a key at all"}}),
            "InvalidKey.Format");
}

TEST_F(Ec2KeyPairsTest, NamesAreUniqueAndDeletingIsIdempotent) {
  Json k =
      call("ec2", "CreateKeyPair",
           {{"KeyName", "one"},
            {"TagSpecifications", Json::array({{{"ResourceType", "key-pair"},
                                                {"Tags", {{{"Key", "a"}, {"Value", "b"}}}}}})}});
  EXPECT_EQ(k["Tags"][0]["Key"], "a");
  EXPECT_EQ(error_of("ec2", "CreateKeyPair", {{"KeyName", "one"}}), "InvalidKeyPair.Duplicate");
  EXPECT_EQ(error_of("ec2", "DescribeKeyPairs", {{"KeyNames", Json::array({"two"})}}),
            "InvalidKeyPair.NotFound");
  EXPECT_EQ(last_error_, "The key pair 'two' does not exist");
  Json by_filter = call(
      "ec2", "DescribeKeyPairs",
      {{"Filters", Json::array({{{"Name", "fingerprint"}, {"Values", {k["KeyFingerprint"]}}}})}});
  ASSERT_EQ(by_filter["KeyPairs"].size(), 1u);
  EXPECT_FALSE(by_filter["KeyPairs"][0].contains("PublicKey"));
  EXPECT_FALSE(by_filter["KeyPairs"][0].contains("KeyMaterial"));
  EXPECT_EQ(call("ec2", "DeleteKeyPair", {{"KeyName", "one"}})["KeyPairId"], k["KeyPairId"]);
  EXPECT_EQ(call("ec2", "DeleteKeyPair", {{"KeyName", "one"}})["Return"], true);
  EXPECT_EQ(error_of("ec2", "DeleteKeyPair", {{"KeyPairId", k["KeyPairId"]}}),
            "InvalidKeyPair.NotFound");
  EXPECT_TRUE(call("ec2", "DescribeKeyPairs", Json::object())["KeyPairs"].empty());
}

} // namespace
