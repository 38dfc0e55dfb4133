#include "services/digest.h"

#include <memory>
#include <openssl/evp.h>

namespace cfnlocal::services {

namespace {
// OpenSSL 3 looks an algorithm up in its provider tables on every one-shot call (SHA256(),
// EVP_sha256() in EVP_Digest); fetched once, a digest of a short string is ~10x cheaper, and
// the engine hashes one per resource step (client request tokens).
const EVP_MD *fetched(const char *name) {
  EVP_MD *md = EVP_MD_fetch(nullptr, name, nullptr);
  return md; // kept for the life of the process
}

std::string digest_hex(const EVP_MD *md, std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  // One context per thread, reused: creating and freeing one per digest was most of the cost.
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                           &EVP_MD_CTX_free);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestInit_ex2(ctx.get(), md, nullptr);
  EVP_DigestUpdate(ctx.get(), data.data(), data.size());
  EVP_DigestFinal_ex(ctx.get(), out, &len);
  std::string hex(2 * len, '\0');
  for (unsigned int i = 0; i < len; ++i) {
    hex[2 * i] = kHex[out[i] >> 4];
    hex[2 * i + 1] = kHex[out[i] & 0xf];
  }
  return hex;
}
} // namespace

std::string sha256_hex(std::string_view data) {
  static const EVP_MD *md = fetched("SHA256");
  return digest_hex(md, data);
}

std::string sha1_hex(std::string_view data) {
  static const EVP_MD *md = fetched("SHA1");
  return digest_hex(md, data);
}

std::string md5_hex(std::string_view data) {
  static const EVP_MD *md = fetched("MD5");
  return digest_hex(md, data);
}

} // namespace cfnlocal::services
