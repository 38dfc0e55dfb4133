#include "services/zip_archive.h"

#include <zip.h>

#include <stdexcept>

namespace cfnlocal::services {

std::string zip_archive(const std::vector<std::pair<std::string, std::string>> &files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer)
    throw std::runtime_error("cannot create a zip buffer");
  zip_source_keep(buffer);
  zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    throw std::runtime_error("cannot create a zip archive");
  }
  for (const auto &[name, content] : files) {
    // The content outlives zip_close, which reads it.
    zip_source_t *source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index = source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source)
        zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("cannot add " + name + " to a zip archive");
    }
    zip_uint32_t mode = name.ends_with("bootstrap") ? 0100755 : 0100644;
    zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                     mode << 16);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("cannot write a zip archive");
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    out.resize(static_cast<size_t>(size));
    zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

std::vector<ZipEntry> zip_entries(const std::string &zip) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *source = zip_source_buffer_create(zip.data(), zip.size(), 0, &error);
  if (!source)
    throw std::runtime_error("cannot read the zip bytes");
  zip_t *archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    throw std::runtime_error("not a zip archive");
  }
  std::vector<ZipEntry> out;
  zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    const char *raw = zip_get_name(archive, index, 0);
    std::string name = raw ? raw : "";
    if (name.empty() || name.back() == '/')
      continue;
    zip_file_t *file = zip_fopen_index(archive, index, 0);
    if (!file) {
      zip_close(archive);
      throw std::runtime_error("cannot read " + name + " in the zip archive");
    }
    ZipEntry entry{name, {}, false};
    char buffer[65536];
    zip_int64_t got;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0)
      entry.content.append(buffer, static_cast<size_t>(got));
    zip_fclose(file);
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive, index, 0, &opsys, &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX)
      entry.executable = ((attributes >> 16) & 0100) != 0;
    out.push_back(std::move(entry));
  }
  zip_close(archive); // also frees the source
  return out;
}

} // namespace cfnlocal::services
