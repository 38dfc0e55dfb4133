#pragma once
/// \file
/// A source position inside a template file, carried by every node of the document model so that
/// any module can point a user at file:line:column.

#include <memory>
#include <string>

namespace cfnlocal {

/// Where a node came from. Lines and columns are 1-based; 0 means unknown (a node built by code,
/// not read from a file). `file` is shared by every mark of one document.
struct Mark {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;

  /// True when the mark points into a file.
  bool known() const { return line > 0; }
  /// The file name, or "" for a node built by code.
  const std::string &file_name() const;
  /// "file:line:column", "file" or "" depending on what is known.
  std::string str() const;
};

} // namespace cfnlocal
