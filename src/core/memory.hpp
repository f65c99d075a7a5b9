// core/memory.hpp — big buffers on 2 MiB pages.
//
// A buffer of hundreds of megabytes written once (a ledger's payment columns, a monitoring
// result) costs one page fault per 4 KiB page touched — 100,000 faults, a tenth of a city's CSV
// import. Asked for 2 MiB pages (transparent huge pages, when the kernel gives them), it costs
// a few hundred. Nothing changes where the kernel does not give them.
#pragma once

#include <cstddef>
#include <vector>

namespace jixiao {

// Asks for 2 MiB pages under the whole 2 MiB pages inside [p, p + bytes). Call it before the
// memory is first written.
void want_huge_pages(void* p, std::size_t bytes);

// Reserves room for `n` elements in `v`, the new storage on 2 MiB pages.
template <class T>
void reserve_on_huge_pages(std::vector<T>& v, std::size_t n) {
  if (n <= v.capacity()) return;
  v.reserve(n);
  want_huge_pages(v.data() + v.size(), (n - v.size()) * sizeof(T));
}

// Resizes `v` to `n` elements (new ones value-initialised), the new storage on 2 MiB pages.
template <class T>
void resize_on_huge_pages(std::vector<T>& v, std::size_t n) {
  reserve_on_huge_pages(v, n);
  v.resize(n);
}

}  // namespace jixiao
