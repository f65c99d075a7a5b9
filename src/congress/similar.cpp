// congress/similar.cpp — similar suggestions by character n-grams, and the 交办 proposal.
//
// Chinese has no spaces between words, so a suggestion is read as its character bigrams
// ("道路积水" → 道路, 路积, 积水), weighted TF-IDF over the history (a bigram every suggestion
// has, such as 建议, weighs nothing) and compared by cosine. No dictionary, no model: the
// history of who handled what is the whole of the knowledge.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "congress/congress.hpp"
#include "core/text.hpp"

namespace jixiao::congress {
namespace {

using Vector = std::unordered_map<std::u32string, double>;

bool is_word_char(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // CJK ideographs
  if (c >= 0x3400 && c <= 0x4DBF) return true;
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Bigram counts of the runs of word characters (punctuation and spaces break a run).
std::unordered_map<std::u32string, int> bigrams(const std::string& s) {
  std::unordered_map<std::u32string, int> out;
  std::u32string run;
  auto flush = [&] {
    for (std::size_t i = 0; i + 1 < run.size(); ++i) ++out[run.substr(i, 2)];
    if (run.size() == 1) ++out[run];
    run.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = text::next_code_point(s, i);
    if (is_word_char(c)) {
      run.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

struct Index {
  std::vector<Vector> vectors;  // parallel to the history
  std::unordered_map<std::u32string, double> idf;
};

Vector weigh(const std::unordered_map<std::u32string, int>& counts,
             const std::unordered_map<std::u32string, double>& idf, double unseen_idf) {
  Vector v;
  double norm = 0;
  for (const auto& [g, n] : counts) {
    auto it = idf.find(g);
    double w = (1 + std::log(static_cast<double>(n))) * (it == idf.end() ? unseen_idf : it->second);
    if (w <= 0) continue;
    v[g] = w;
    norm += w * w;
  }
  norm = std::sqrt(norm);
  if (norm > 0) {
    for (auto& [g, w] : v) w /= norm;
  }
  return v;
}

std::string document_of(const model::Suggestion& s) {
  return s.title + "。" + s.title + "。" + s.text;
}

Index build_index(const std::vector<model::Suggestion>& history, double& unseen_idf) {
  Index index;
  std::vector<std::unordered_map<std::u32string, int>> counts;
  std::unordered_map<std::u32string, int> df;
  for (const auto& s : history) {
    counts.push_back(bigrams(document_of(s)));
    for (const auto& [g, n] : counts.back()) ++df[g];
  }
  double n = static_cast<double>(history.size());
  for (const auto& [g, d] : df) index.idf[g] = std::log((n + 1) / (d + 1));
  unseen_idf = std::log(n + 1);
  for (const auto& c : counts) index.vectors.push_back(weigh(c, index.idf, unseen_idf));
  return index;
}

double dot(const Vector& a, const Vector& b) {
  const Vector& small = a.size() < b.size() ? a : b;
  const Vector& large = a.size() < b.size() ? b : a;
  double sum = 0;
  for (const auto& [g, w] : small) {
    if (auto it = large.find(g); it != large.end()) sum += w * it->second;
  }
  return sum;
}

std::vector<SimilarSuggestion> nearest(const Vector& query,
                                       const std::vector<model::Suggestion>& history,
                                       const Index& index, int k, double min_similarity) {
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t i = 0; i < history.size(); ++i) {
    double sim = dot(query, index.vectors[i]);
    if (sim >= min_similarity) scored.emplace_back(sim, i);
  }
  std::sort(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return history[a.second].number > history[b.second].number;  // the newer first on a tie
  });
  if (scored.size() > static_cast<std::size_t>(k)) scored.resize(static_cast<std::size_t>(k));
  std::vector<SimilarSuggestion> out;
  for (const auto& [sim, i] : scored) {
    const auto& s = history[i];
    int year = s.assigned ? s.assigned->year() : s.received.year();
    out.push_back({s.number, year, s.title, s.lead_unit, s.co_units, sim});
  }
  return out;
}

HandlerProposal vote(std::vector<SimilarSuggestion> neighbours) {
  HandlerProposal p;
  std::map<std::string, double> lead_votes, co_votes;
  double total = 0;
  for (const auto& n : neighbours) {
    if (n.lead_unit.empty()) continue;
    lead_votes[n.lead_unit] += n.similarity;
    for (const auto& c : n.co_units) co_votes[c] += n.similarity;
    total += n.similarity;
  }
  for (const auto& [unit, v] : lead_votes) {
    if (p.lead_unit.empty() || v > lead_votes[p.lead_unit]) p.lead_unit = unit;
  }
  if (!p.lead_unit.empty()) {
    p.confidence = lead_votes[p.lead_unit] / total;
    for (const auto& [unit, v] : co_votes) {
      if (unit != p.lead_unit && v >= total / 2) p.co_units.push_back(unit);
    }
  }
  p.neighbours = std::move(neighbours);
  return p;
}

}  // namespace

std::vector<SimilarSuggestion> similar(const std::string& text,
                                       const std::vector<model::Suggestion>& history, int k,
                                       double min_similarity) {
  double unseen = 0;
  Index index = build_index(history, unseen);
  return nearest(weigh(bigrams(text), index.idf, unseen), history, index, k, min_similarity);
}

HandlerProposal propose_handlers(const std::string& text,
                                 const std::vector<model::Suggestion>& history, int k) {
  return vote(similar(text, history, k));
}

ProposalAccuracy measure_proposals(const std::vector<model::Suggestion>& history,
                                   const std::vector<model::Suggestion>& held_back, int k) {
  ProposalAccuracy acc;
  double unseen = 0;
  Index index = build_index(history, unseen);  // once: the held-back set never enters it
  for (const auto& s : held_back) {
    if (s.lead_unit.empty()) continue;
    ++acc.tested;
    auto p =
        vote(nearest(weigh(bigrams(document_of(s)), index.idf, unseen), history, index, k, 0.05));
    if (p.lead_unit.empty()) {
      ++acc.no_proposal;
    } else if (p.lead_unit == s.lead_unit) {
      ++acc.correct;
    }
  }
  return acc;
}

}  // namespace jixiao::congress
