// Key pairs (Amazon EC2 API Reference: CreateKeyPair, ImportKeyPair, DescribeKeyPairs,
// DeleteKeyPair; Amazon EC2 User Guide, "Create a key pair", "Verify the fingerprint of your key
// pair").
//
// Keys are real: CreateKeyPair generates an RSA (2048-bit) or ED25519 key with OpenSSL and returns
// its private key once (PEM: PKCS#1 for RSA, the OpenSSH format for ED25519; or PuTTY's PPK
// version 3); only the public key is kept. Fingerprints are computed as AWS computes them: for
// RSA keys EC2 created, the SHA-1 digest of the private key's DER PKCS#8 encoding; for imported
// RSA keys, the MD5 digest of the public key's DER SubjectPublicKeyInfo (both as colon-separated
// hex); for ED25519 keys, the base64 SHA-256 digest of the OpenSSH public key blob.
#include "services/embedded/ec2_common.h"
#include "services/embedded/shape_checks.h"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

namespace cfnlocal::services::embedded::ec2 {
namespace {

constexpr std::string_view kKind = "key-pair";

struct PkeyFree {
  void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

[[noreturn]] void openssl_failure(std::string_view what) {
  throw ServiceError("InternalError", fmt::format("key generation failed: {}", what), 500);
}

// ---- the SSH wire format (RFC 4251 section 5) -----------------------------------------------

void put_u32(std::string &out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}
void put_string(std::string &out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}
// An mpint: big-endian two's complement, a leading zero byte when the top bit is set.
void put_mpint(std::string &out, const BIGNUM *bn) {
  std::string bytes(static_cast<size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char *>(bytes.data()));
  if (!bytes.empty() && (static_cast<unsigned char>(bytes[0]) & 0x80))
    bytes.insert(bytes.begin(), '\0');
  put_string(out, bytes);
}

struct Reader {
  std::string_view data;
  bool ok = true;
  uint32_t u32() {
    if (data.size() < 4) {
      ok = false;
      return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v = (v << 8) | static_cast<unsigned char>(data[static_cast<size_t>(i)]);
    data.remove_prefix(4);
    return v;
  }
  std::string_view string() {
    uint32_t n = u32();
    if (!ok || data.size() < n) {
      ok = false;
      return {};
    }
    std::string_view s = data.substr(0, n);
    data.remove_prefix(n);
    return s;
  }
};

BIGNUM *bn_param(const EVP_PKEY *key, const char *name) {
  BIGNUM *bn = nullptr;
  if (!EVP_PKEY_get_bn_param(key, name, &bn))
    openssl_failure(name);
  return bn;
}

std::string raw_public(const EVP_PKEY *key) {
  std::string pub(32, '\0');
  size_t n = pub.size();
  if (!EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(pub.data()), &n))
    openssl_failure("ED25519 public key");
  pub.resize(n);
  return pub;
}

bool is_rsa(const EVP_PKEY *key) { return EVP_PKEY_is_a(key, "RSA"); }

// The OpenSSH public key blob ("ssh-rsa" e n, or "ssh-ed25519" key).
std::string public_blob(const EVP_PKEY *key) {
  std::string blob;
  if (is_rsa(key)) {
    put_string(blob, "ssh-rsa");
    BIGNUM *e = bn_param(key, OSSL_PKEY_PARAM_RSA_E);
    BIGNUM *n = bn_param(key, OSSL_PKEY_PARAM_RSA_N);
    put_mpint(blob, e);
    put_mpint(blob, n);
    BN_free(e);
    BN_free(n);
  } else {
    put_string(blob, "ssh-ed25519");
    put_string(blob, raw_public(key));
  }
  return blob;
}

std::string digest(const EVP_MD *md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out, &n, md, nullptr);
  return std::string(reinterpret_cast<char *>(out), n);
}

std::string colon_hex(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes)
    out += fmt::format("{}{:02x}", out.empty() ? "" : ":", b);
  return out;
}

std::string der_pkcs8(const EVP_PKEY *key) {
  PKCS8_PRIV_KEY_INFO *p8 = EVP_PKEY2PKCS8(key);
  if (!p8)
    openssl_failure("PKCS#8");
  unsigned char *der = nullptr;
  int n = i2d_PKCS8_PRIV_KEY_INFO(p8, &der);
  PKCS8_PRIV_KEY_INFO_free(p8);
  if (n <= 0)
    openssl_failure("PKCS#8 DER");
  std::string out(reinterpret_cast<char *>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

std::string der_public(EVP_PKEY *key) {
  unsigned char *der = nullptr;
  int n = i2d_PUBKEY(key, &der);
  if (n <= 0)
    openssl_failure("public key DER");
  std::string out(reinterpret_cast<char *>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

// The fingerprint EC2 shows: see the file comment.
std::string fingerprint(EVP_PKEY *key, bool created) {
  if (!is_rsa(key))
    return base64_encode(digest(EVP_sha256(), public_blob(key)));
  if (created)
    return colon_hex(digest(EVP_sha1(), der_pkcs8(key)));
  return colon_hex(digest(EVP_md5(), der_public(key)));
}

std::string wrapped(const std::string &text, size_t width) {
  std::string out;
  for (size_t i = 0; i < text.size(); i += width)
    out += text.substr(i, width) + "\n";
  return out;
}

// ---- private key formats --------------------------------------------------------------------

// PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), as EC2 returns RSA keys.
std::string rsa_pem(EVP_PKEY *key) {
  OSSL_ENCODER_CTX *ctx = OSSL_ENCODER_CTX_new_for_pkey(key, OSSL_KEYMGMT_SELECT_KEYPAIR, "PEM",
                                                        "type-specific", nullptr);
  unsigned char *data = nullptr;
  size_t len = 0;
  bool ok = ctx && OSSL_ENCODER_to_data(ctx, &data, &len);
  OSSL_ENCODER_CTX_free(ctx);
  if (!ok)
    openssl_failure("PEM encoding");
  std::string out(reinterpret_cast<char *>(data), len);
  OPENSSL_free(data);
  return out;
}

std::string ed25519_seed(const EVP_PKEY *key) {
  std::string seed(32, '\0');
  size_t n = seed.size();
  if (!EVP_PKEY_get_raw_private_key(key, reinterpret_cast<unsigned char *>(seed.data()), &n))
    openssl_failure("ED25519 private key");
  return seed;
}

// The OpenSSH private key format (PROTOCOL.key in OpenSSH's sources), unencrypted, as EC2
// returns ED25519 keys.
std::string openssh_private(EVP_PKEY *key, const std::string &comment) {
  std::string pub = raw_public(key);
  std::string blob = public_blob(key);
  uint32_t check = 0;
  RAND_bytes(reinterpret_cast<unsigned char *>(&check), sizeof check);
  std::string priv;
  put_u32(priv, check);
  put_u32(priv, check);
  put_string(priv, "ssh-ed25519");
  put_string(priv, pub);
  put_string(priv, ed25519_seed(key) + pub);
  put_string(priv, comment);
  for (char pad = 1; priv.size() % 8 != 0; ++pad)
    priv.push_back(pad);
  std::string body("openssh-key-v1\0", 15);
  put_string(body, "none");
  put_string(body, "none");
  put_string(body, "");
  put_u32(body, 1);
  put_string(body, blob);
  put_string(body, priv);
  return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrapped(base64_encode(body), 70) +
         "-----END OPENSSH PRIVATE KEY-----\n";
}

// PuTTY's key file, version 3, unencrypted (PuTTY manual, appendix C): the MAC is HMAC-SHA-256
// with an empty key over the algorithm, encryption, comment and both blobs.
std::string ppk(EVP_PKEY *key, const std::string &comment) {
  std::string algorithm = is_rsa(key) ? "ssh-rsa" : "ssh-ed25519";
  std::string pub = public_blob(key);
  std::string priv;
  if (is_rsa(key)) {
    for (const char *p : {OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1,
                          OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1}) {
      BIGNUM *bn = bn_param(key, p);
      put_mpint(priv, bn);
      BN_free(bn);
    }
  } else {
    put_string(priv, ed25519_seed(key));
  }
  std::string mac_data;
  put_string(mac_data, algorithm);
  put_string(mac_data, "none");
  put_string(mac_data, comment);
  put_string(mac_data, pub);
  put_string(mac_data, priv);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  static const unsigned char kEmptyKey[1] = {0};
  HMAC(EVP_sha256(), kEmptyKey, 0, reinterpret_cast<const unsigned char *>(mac_data.data()),
       mac_data.size(), mac, &mac_len);
  std::string pub64 = base64_encode(pub), priv64 = base64_encode(priv);
  auto lines = [](const std::string &b64) { return (b64.size() + 63) / 64; };
  std::string hex;
  for (unsigned int i = 0; i < mac_len; ++i)
    hex += fmt::format("{:02x}", mac[i]);
  return fmt::format("PuTTY-User-Key-File-3: {}\nEncryption: none\nComment: {}\nPublic-Lines: "
                     "{}\n{}Private-Lines: {}\n{}Private-MAC: {}\n",
                     algorithm, comment, lines(pub64), wrapped(pub64, 64), lines(priv64),
                     wrapped(priv64, 64), hex);
}

// ---- public keys to import ------------------------------------------------------------------

[[noreturn]] void bad_key() {
  fail("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
}

// The key of an OpenSSH public key blob (ssh-rsa or ssh-ed25519).
Pkey key_of_blob(std::string_view blob) {
  Reader r{blob};
  std::string_view type = r.string();
  if (!r.ok)
    bad_key();
  if (type == "ssh-ed25519") {
    std::string_view pub = r.string();
    if (!r.ok || pub.size() != 32)
      bad_key();
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                         reinterpret_cast<const unsigned char *>(pub.data()),
                                         pub.size()));
    if (!key)
      bad_key();
    return key;
  }
  if (type != "ssh-rsa")
    fail("InvalidKey.Format", fmt::format("Key type {} is not supported: import an RSA or ED25519 "
                                          "key",
                                          type));
  std::string_view e = r.string(), n = r.string();
  if (!r.ok || n.empty() || e.empty())
    bad_key();
  BIGNUM *bn_n = BN_bin2bn(reinterpret_cast<const unsigned char *>(n.data()),
                           static_cast<int>(n.size()), nullptr);
  BIGNUM *bn_e = BN_bin2bn(reinterpret_cast<const unsigned char *>(e.data()),
                           static_cast<int>(e.size()), nullptr);
  int bits = BN_num_bits(bn_n);
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY *key = nullptr;
  bool ok = ctx && EVP_PKEY_fromdata_init(ctx) > 0 &&
            EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) > 0;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  if (!ok)
    bad_key();
  // EC2 imports RSA keys of 1024 to 4096 bits.
  if (bits < 1024 || bits > 4096) {
    EVP_PKEY_free(key);
    fail("InvalidKey.Format",
         fmt::format("RSA keys must be 1024 to 4096 bits long; this one has {}", bits));
  }
  return Pkey(key);
}

// The public key of PublicKeyMaterial: base64 text of the key file's bytes (the JSON seam and
// the query protocol carry blobs so; the bytes themselves are taken too), in the OpenSSH format
// ("ssh-rsa AAAA... comment") or RFC 4716's ("---- BEGIN SSH2 PUBLIC KEY ----").
Pkey imported_key(const std::string &material) {
  std::string text = material;
  if (!text.starts_with("ssh-") && !text.starts_with("----")) {
    std::string compact;
    for (char ch : material)
      if (!std::isspace(static_cast<unsigned char>(ch)))
        compact += ch;
    auto decoded = base64_decode(compact);
    if (!decoded)
      bad_key();
    text = *decoded;
  }
  std::string b64;
  if (text.starts_with("ssh-")) {
    size_t space = text.find(' ');
    if (space == std::string::npos)
      bad_key();
    size_t end = text.find_first_of(" \r\n", space + 1);
    b64 = text.substr(space + 1, end == std::string::npos ? std::string::npos : end - space - 1);
  } else if (text.starts_with("---- BEGIN SSH2 PUBLIC KEY ----")) {
    // Header lines ("Comment: ...", continued with a trailing backslash) come before the body.
    size_t at = text.find('\n');
    bool continued = false;
    while (at != std::string::npos && at + 1 < text.size()) {
      size_t next = text.find('\n', at + 1);
      std::string line =
          text.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      at = next;
      if (line.starts_with("---- END"))
        break;
      bool header = continued || line.find(':') != std::string::npos;
      continued = header && !line.empty() && line.back() == '\\';
      if (!header)
        b64 += line;
    }
  } else {
    bad_key();
  }
  auto blob = base64_decode(b64);
  if (!blob)
    bad_key();
  return key_of_blob(*blob);
}

// ---- operations -----------------------------------------------------------------------------

std::optional<Json> find_by_name(Context &c, const std::string &name) {
  for (auto &k : all(c, kKind))
    if (k.value("KeyName", "") == name)
      return std::move(k);
  return std::nullopt;
}

std::string checked_name(const Json &input) {
  std::string name = required(input, "KeyName");
  if (name.size() > 255)
    invalid_value("KeyName", name, "Key names can have up to 255 characters.");
  for (unsigned char ch : name)
    if (ch < 0x20 || ch > 0x7e)
      invalid_value("KeyName", name, "Key names must be ASCII characters.");
  return name;
}

Json new_record(Context &c, const Json &input, const std::string &name, EVP_PKEY *key,
                bool created) {
  if (find_by_name(c, name))
    fail("InvalidKeyPair.Duplicate", fmt::format("The keypair '{}' already exists.", name));
  std::string id = new_id("key");
  Json record = {{"KeyPairId", id},
                 {"KeyType", is_rsa(key) ? "rsa" : "ed25519"},
                 {"Tags", tags_for(input, "key-pair")},
                 {"KeyName", name},
                 {"KeyFingerprint", fingerprint(key, created)},
                 {"CreateTime", iso_now()},
                 {"_PublicKey", fmt::format("{} {} {}", is_rsa(key) ? "ssh-rsa" : "ssh-ed25519",
                                            base64_encode(public_blob(key)), name)}};
  save(c, kKind, id, record);
  return record;
}

Json create_key_pair(Context &c, const Json &input) {
  std::string name = checked_name(input);
  std::string type = optional_string(input, "KeyType").value_or("rsa");
  std::string format = optional_string(input, "KeyFormat").value_or("pem");
  if (type != "rsa" && type != "ed25519")
    invalid_value("KeyType", type, "Valid values: rsa | ed25519.");
  if (format != "pem" && format != "ppk")
    invalid_value("KeyFormat", format, "Valid values: pem | ppk.");
  if (find_by_name(c, name))
    fail("InvalidKeyPair.Duplicate", fmt::format("The keypair '{}' already exists.", name));
  Pkey key(type == "rsa" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})
                         : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key)
    openssl_failure(type);
  Json record = new_record(c, input, name, key.get(), true);
  std::string material = format == "ppk" ? ppk(key.get(), name)
                         : type == "rsa" ? rsa_pem(key.get())
                                         : openssh_private(key.get(), name);
  while (!material.empty() && material.back() == '\n')
    material.pop_back();
  return {{"KeyPairId", record["KeyPairId"]},
          {"Tags", record["Tags"]},
          {"KeyName", name},
          {"KeyFingerprint", record["KeyFingerprint"]},
          {"KeyMaterial", material}};
}

Json import_key_pair(Context &c, const Json &input) {
  std::string name = checked_name(input);
  auto material = input.find("PublicKeyMaterial");
  if (material == input.end() || material->is_null())
    fail("MissingParameter", "The request must contain the parameter publicKeyMaterial");
  std::string text;
  if (material->is_binary())
    text.assign(material->get_binary().begin(), material->get_binary().end());
  else if (material->is_string())
    text = material->get<std::string>();
  else
    bad_key();
  Pkey key = imported_key(text);
  Json record = new_record(c, input, name, key.get(), false);
  return {{"KeyFingerprint", record["KeyFingerprint"]},
          {"KeyName", name},
          {"KeyPairId", record["KeyPairId"]},
          {"Tags", record["Tags"]}};
}

std::optional<std::vector<std::string>> key_filter(const Json &k, std::string_view name) {
  using V = std::vector<std::string>;
  if (name == "key-pair-id")
    return V{k.value("KeyPairId", "")};
  if (name == "key-name")
    return V{k.value("KeyName", "")};
  if (name == "fingerprint")
    return V{k.value("KeyFingerprint", "")};
  if (name == "key-type")
    return V{k.value("KeyType", "")};
  return std::nullopt;
}

Json describe_key_pairs(Context &c, const Json &input) {
  std::vector<Json> found = describe(c, kKind, input, "KeyPairIds", key_filter);
  auto names = strings(input, "KeyNames");
  for (const auto &n : names) {
    bool known = false;
    for (const auto &k : found)
      known = known || k.value("KeyName", "") == n;
    if (!known)
      fail("InvalidKeyPair.NotFound", fmt::format("The key pair '{}' does not exist", n));
  }
  bool with_public = optional_bool(input, "IncludePublicKey", false);
  Json out = Json::array();
  for (const auto &k : found) {
    if (!names.empty() &&
        std::find(names.begin(), names.end(), k.value("KeyName", "")) == names.end())
      continue;
    Json item = shown(k);
    if (with_public)
      item["PublicKey"] = k.value("_PublicKey", "");
    out.push_back(item);
  }
  return {{"KeyPairs", out}};
}

Json delete_key_pair(Context &c, const Json &input) {
  auto name = optional_string(input, "KeyName");
  auto id = optional_string(input, "KeyPairId");
  if (!name && !id)
    fail("MissingParameter", "The request must contain the parameter KeyName or KeyPairId");
  std::optional<Json> record =
      id ? std::optional<Json>(load(c, kKind, *id)) : find_by_name(c, *name);
  if (record && name && record->value("KeyName", "") != *name)
    fail("InvalidParameterCombination", fmt::format("Key pair {} is not named {}", *id, *name));
  // Deleting a name that has no key pair succeeds, as in EC2.
  if (!record)
    return {{"Return", true}};
  std::string key_id = record->value("KeyPairId", "");
  erase(c, kKind, key_id);
  return {{"Return", true}, {"KeyPairId", key_id}};
}

} // namespace

const HandlerTable &key_pair_handlers() {
  static const HandlerTable table = {
      {"CreateKeyPair", create_key_pair},
      {"ImportKeyPair", import_key_pair},
      {"DescribeKeyPairs", describe_key_pairs},
      {"DeleteKeyPair", delete_key_pair},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::ec2
