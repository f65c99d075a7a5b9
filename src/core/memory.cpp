// core/memory.cpp — madvise(MADV_HUGEPAGE) where the platform has it.
#include "core/memory.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace jixiao {

void want_huge_pages(void* p, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t k_huge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + k_huge - 1) & ~(k_huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(k_huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace jixiao
