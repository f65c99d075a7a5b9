// tests/fuzz/checker_fuzz.hpp — the checker's one entrance for a file (read_source by the
// extension, then check_source and the three outputs), shared by the text, DOCX and PDF targets.
#pragma once

#include <string>
#include <vector>

#include "checker/checker.hpp"
#include "fuzz.hpp"

namespace jixiao::fuzz {

inline void check_report_file(const std::string& name, const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  const std::string path = scratch_file(name, in.rest());
  auto source = checker::read_source(path);
  if (!source) {
    if (source.error().message().empty()) broken("read_source refused without a message");
    return;
  }
  std::vector<checker::CheckedDocument> docs{checker::check_source(*source, name)};
  for (const auto& finding : docs.front().findings) {
    if (finding.pos.line < 0 ||
        static_cast<std::size_t>(finding.pos.line) > source->lines.size() + 1) {
      broken("a finding points past the text", finding.message);
    }
  }
  (void)checker::to_json(docs, true);
  (void)checker::to_text(docs);
  (void)checker::to_csv(docs);
}

}  // namespace jixiao::fuzz
