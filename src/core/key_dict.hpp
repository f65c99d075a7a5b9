// core/key_dict.hpp — a 64-bit hash of short keys and a dictionary of (year, key) → dense ids
// for the hot loops: the fast CSV readers (ingest/bulk.hpp) give each line and unit an id while
// reading millions of rows, and the ledger (ledger/ledger.hpp) indexes its lines by the same
// keys. In-memory only: nothing stores these hashes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/memory.hpp"

namespace jixiao::keys {

inline std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint64_t load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// 64×64 → 128-bit multiply, folded (wyhash's mum).
inline std::uint64_t fold_mul(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

// A 64-bit hash of the bytes of `s` (every byte and the length count), for in-memory tables only:
// nothing stores it.
[[gnu::always_inline]] inline std::uint64_t hash_key(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t a = 0, b = 0, seed = 0xA0761D6478BD642Full ^ (n * 0xE7037ED1A0B428DBull);
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 16 < n; i += 8) seed = fold_mul(seed ^ load64(p + i), 0x8EBC6AF09C88C6E3ull);
    a = load64(p + i);
    b = load64(p + n - 8);
  } else if (n >= 4) {
    a = load32(p);
    b = load32(p + n - 4);
  } else if (n > 0) {
    a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8 |
        static_cast<unsigned char>(p[n - 1]);
  }
  std::uint64_t h = fold_mul(a ^ 0xE7037ED1A0B428DBull, b ^ seed);
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  return h ^ (h >> 29);
}

// The n ≤ 8 bytes at p as the low bytes of a word (the rest zero), read without a call and
// without storing (a word read back from smaller stores stalls).
inline std::uint64_t load_partial(const char* p, std::size_t n) {
  if (n >= 8) return load64(p);
  if (n >= 4) return load32(p) | (load32(p + n - 4) << (8 * (n - 4)));
  if (n == 0) return 0;
  return static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
         static_cast<std::uint64_t>(static_cast<unsigned char>(p[n >> 1])) << (8 * (n >> 1)) |
         static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << (8 * (n - 1));
}

// A dictionary of (fiscal year, key) → dense ids in order of first appearance; the key is `a`,
// or the pair (a, b) (written `a` '\t' `b`). Open addressing over 32-byte slots that hold short
// keys (a of 16 bytes or fewer, b of 8 or fewer) as words, so a lookup touches one cache line,
// which the caller can prefetch; longer keys are compared in the arena.
class InlineDict {
 public:
  InlineDict() : m_slots(1024) {}
  // Room for `keys` keys without growing; a big table on 2 MiB pages where the kernel gives them.
  explicit InlineDict(std::size_t keys) {
    std::size_t n = 1024;
    while (n < 2 * keys + 2) n *= 2;
    m_slots.reserve(n);
    want_huge_pages(m_slots.data(), n * sizeof(Slot));
    m_slots.resize(n);
  }
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&m_slots[h & (m_slots.size() - 1)]); }

  // The id of (year, key), added when absent (`added` tells). `h`: any 64-bit hash of (year,
  // key), the same for the same pair.
  std::uint32_t id(std::uint64_t h, int year, std::string_view a, std::string_view b, bool pair,
                   bool& added) {
    const Probe k(year, a, b, pair);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
      Slot& s = m_slots[at];
      if (s.id == 0) {
        const auto id = static_cast<std::uint32_t>(m_spans.size());
        m_spans.push_back({static_cast<std::uint32_t>(m_arena.size()),
                           static_cast<std::uint32_t>(a.size()),
                           static_cast<std::uint32_t>(pair ? 1 + b.size() : 0), year, h});
        m_arena.append(a);
        if (pair) {
          m_arena += '\t';
          m_arena.append(b);
        }
        s.id = id + 1;
        s.meta = k.meta;
        s.a0 = k.a0;
        s.a1 = k.a1;
        s.b0 = k.b0;
        if (m_spans.size() * 2 > m_slots.size()) grow();
        added = true;
        return id;
      }
      if (matches(s, k, year, a, b, pair)) {
        added = false;
        return s.id - 1;
      }
    }
  }
  // The id of (year, a '\t' b), or UINT32_MAX when absent.
  std::uint32_t find(std::uint64_t h, int year, std::string_view a, std::string_view b) const {
    const Probe k(year, a, b, true);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
      const Slot& s = m_slots[at];
      if (s.id == 0) return UINT32_MAX;
      if (matches(s, k, year, a, b, true)) return s.id - 1;
    }
  }
  // The key as written: `a`, or `a` '\t' `b`.
  std::string_view key(std::uint32_t id) const {
    const Span& s = m_spans[id];
    return {m_arena.data() + s.offset, s.a + s.b};
  }
  std::size_t size() const { return m_spans.size(); }

 private:
  static constexpr std::uint8_t k_long = 0xFF;    // na of a key held in the arena only
  static constexpr std::uint8_t k_single = 0xFE;  // nb of a key without a second part
  // year | size of a << 16 | size of b << 24, as one word (compared whole, never stored in parts).
  static std::uint32_t meta_of(int year, std::uint32_t na, std::uint32_t nb) {
    return (static_cast<std::uint32_t>(year) & 0xFFFF) | na << 16 | nb << 24;
  }
  static bool is_long(std::uint32_t meta) { return (meta >> 16 & 0xFF) == k_long; }
  struct alignas(32) Slot {
    std::uint32_t id = 0;  // id + 1; 0: free
    std::uint32_t meta = 0;
    std::uint64_t a0 = 0, a1 = 0, b0 = 0;
  };
  // A key as the words and sizes a slot holds.
  struct Probe {
    std::uint32_t meta;
    std::uint64_t a0 = 0, a1 = 0, b0 = 0;
    Probe(int y, std::string_view a, std::string_view b, bool pair) {
      if (a.size() > 16 || (pair && b.size() > 8)) {
        meta = meta_of(y, k_long, k_long);
        return;
      }
      meta = meta_of(y, static_cast<std::uint32_t>(a.size()),
                     pair ? static_cast<std::uint32_t>(b.size()) : k_single);
      a0 = load_partial(a.data(), std::min<std::size_t>(a.size(), 8));
      if (a.size() > 8) a1 = load_partial(a.data() + 8, a.size() - 8);
      if (pair) b0 = load_partial(b.data(), b.size());
    }
  };
  struct Span {
    std::uint32_t offset;
    std::uint32_t a;  // bytes of the first part
    std::uint32_t b;  // bytes of '\t' and the second part (0 without one)
    int year;
    std::uint64_t hash;
  };
  bool matches(const Slot& s, const Probe& k, int year, std::string_view a, std::string_view b,
               bool pair) const {
    if (s.meta != k.meta) return false;
    if (!is_long(k.meta)) return s.a0 == k.a0 && s.a1 == k.a1 && s.b0 == k.b0;
    const Span& sp = m_spans[s.id - 1];
    const std::string_view whole = key(s.id - 1);
    return sp.year == year && sp.a == a.size() && whole.substr(0, sp.a) == a &&
           (pair ? sp.b == 1 + b.size() && whole.substr(sp.a + 1) == b : sp.b == 0);
  }
  void grow() {
    std::vector<Slot> slots(m_slots.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const Slot& s : m_slots) {
      if (s.id == 0) continue;
      std::size_t at = m_spans[s.id - 1].hash & mask;
      while (slots[at].id != 0) at = (at + 1) & mask;
      slots[at] = s;
    }
    m_slots.swap(slots);
  }
  std::vector<Slot> m_slots;
  std::vector<Span> m_spans;
  std::string m_arena;
};

inline std::uint64_t mix_hash(std::uint64_t a, std::uint64_t b, int year) {
  std::uint64_t h =
      a ^ (b * 0x9E3779B97F4A7C15ull) ^
      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(year)) * 0xC2B2AE3D27D4EB4Full);
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  return h ^ (h >> 29);
}

}  // namespace jixiao::keys
